namespace ParallelAgents.Engine.Workspaces;

/// <summary>A workspace reference that cannot be used; the message says why.</summary>
public sealed class WorkspaceException(string message) : Exception(message);
