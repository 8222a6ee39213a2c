using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Grains.Workspaces;

/// <summary>Resolves local paths (checked again against the allowed roots on the silo that runs the work) and uploads.</summary>
public sealed class WorkspaceResolver(IOptions<WorkspaceOptions> options, WorkspaceStore store) : IWorkspaceResolver
{
    /// <inheritdoc />
    public async Task<Workspace?> ResolveAsync(WorkspaceRef? reference, CancellationToken cancellationToken)
    {
        if (reference is null || (reference.Path is null && reference.WorkspaceId is null))
        {
            return null;
        }

        if (reference.WorkspaceId is { } id)
        {
            var folder = await store.MaterializeAsync(id, cancellationToken)
                ?? throw new WorkspaceException($"No uploaded workspace has id '{id}'.");
            return new Workspace(folder);
        }

        var (full, error) = WorkspacePathPolicy.Check(reference.Path, options.Value.EffectiveRoots());
        return full is null ? throw new WorkspaceException(error!) : new Workspace(full);
    }
}
