using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>Turns a job's workspace reference into a directory readable on this silo.</summary>
public interface IWorkspaceResolver
{
    /// <summary>The workspace, or null when the reference is null. Throws <see cref="WorkspaceException"/> when it cannot be used.</summary>
    Task<Workspace?> ResolveAsync(WorkspaceRef? reference, CancellationToken cancellationToken);

    /// <summary>
    /// Fixes what the reference means, once, on the job's coordinator: a git ref becomes the full sha it names now.
    /// Other references are returned as they are. Throws <see cref="WorkspaceException"/>.
    /// </summary>
    Task<WorkspaceRef?> PinAsync(WorkspaceRef? reference, CancellationToken cancellationToken);
}
