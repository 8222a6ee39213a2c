using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>Turns a job's workspace reference into a directory readable on this silo.</summary>
public interface IWorkspaceResolver
{
    /// <summary>The workspace, or null when the reference is null. Throws <see cref="WorkspaceException"/> when it cannot be used.</summary>
    Task<Workspace?> ResolveAsync(WorkspaceRef? reference, CancellationToken cancellationToken);

    /// <summary>
    /// Fixes what the reference means, once, on the job's coordinator: a git ref becomes the full sha it names now, the
    /// base of a diff-aware run too, and a path or upload that is a git repository records its <c>HEAD</c>. Other
    /// references are returned as they are. Throws <see cref="WorkspaceException"/>.
    /// </summary>
    Task<WorkspaceRef?> PinAsync(WorkspaceRef? reference, CancellationToken cancellationToken);

    /// <summary>
    /// The files changed between the pinned reference's base (<see cref="WorkspaceRef.ChangedSince"/>) and its commit,
    /// for <paramref name="workspace"/> as <see cref="ResolveAsync"/> gave it; null when the job names no base.
    /// Asked on the job's coordinator only. Throws <see cref="WorkspaceException"/>.
    /// </summary>
    Task<WorkspaceChanges?> ChangesAsync(WorkspaceRef? reference, Workspace? workspace, CancellationToken cancellationToken);
}
