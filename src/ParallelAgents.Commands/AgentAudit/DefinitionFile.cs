namespace ParallelAgents.Commands.AgentAudit;

/// <summary>A file the audit will check: its workspace-relative path and kind. Serialized as a work item's payload.</summary>
/// <param name="Path">Workspace-relative path, forward slashes.</param>
/// <param name="Kind">Agent or skill.</param>
internal sealed record DefinitionFile(string Path, DefinitionKind Kind);
