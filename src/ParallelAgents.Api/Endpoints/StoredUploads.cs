using ParallelAgents.Engine.Submission;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Api.Endpoints;

/// <summary>The uploads in the service's workspace store, as a submission may name them.</summary>
public sealed class StoredUploads(WorkspaceStore store) : IUploadedWorkspaces
{
    /// <inheritdoc />
    public async Task<bool> IsAvailableAsync(string id, string? owner, bool admin, CancellationToken cancellationToken) =>
        await store.MaterializeAsync(id, cancellationToken) is not null
        && (admin || await store.BelongsToAsync(id, owner, cancellationToken));
}
