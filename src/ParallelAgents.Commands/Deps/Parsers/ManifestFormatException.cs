namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>A manifest or lockfile that does not have the shape its format requires.</summary>
public sealed class ManifestFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ManifestFormatException(string message, int? line = null)
        : base(message) => Line = line;

    /// <summary>Creates the exception.</summary>
    public ManifestFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of the problem, when known.</summary>
    public int? Line { get; }
}
