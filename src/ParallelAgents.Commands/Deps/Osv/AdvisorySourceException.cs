namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>The advisory database could not be read or reached.</summary>
public sealed class AdvisorySourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdvisorySourceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AdvisorySourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AdvisorySourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
