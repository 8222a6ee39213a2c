namespace ParallelAgents.Engine.Submission;

/// <summary>The uploaded workspaces a submission may name by id.</summary>
public interface IUploadedWorkspaces
{
    /// <summary>
    /// Whether the upload <paramref name="id"/> exists and may be used by <paramref name="owner"/> (any upload when
    /// <paramref name="admin"/>).
    /// </summary>
    Task<bool> IsAvailableAsync(string id, string? owner, bool admin, CancellationToken cancellationToken);
}
