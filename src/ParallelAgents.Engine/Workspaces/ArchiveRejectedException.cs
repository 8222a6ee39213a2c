namespace ParallelAgents.Engine.Workspaces;

/// <summary>An uploaded archive that is refused; <see cref="StatusCode"/> is the HTTP status to answer with.</summary>
public sealed class ArchiveRejectedException(int statusCode, string message) : Exception(message)
{
    /// <summary>400 for unsafe or malformed archives, 413 for size limits.</summary>
    public int StatusCode { get; } = statusCode;
}
