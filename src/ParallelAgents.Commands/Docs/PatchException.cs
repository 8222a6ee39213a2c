namespace ParallelAgents.Commands.Docs;

/// <summary>A patch does not apply to the workspace content.</summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PatchException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
