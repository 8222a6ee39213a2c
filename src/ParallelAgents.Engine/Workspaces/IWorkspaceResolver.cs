using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>Turns a job's workspace reference into a directory readable on this silo.</summary>
public interface IWorkspaceResolver
{
    /// <summary>The workspace, or null when the reference is null. Throws <see cref="WorkspaceException"/> when it cannot be used.</summary>
    Task<Workspace?> ResolveAsync(WorkspaceRef? reference, CancellationToken cancellationToken);
}
