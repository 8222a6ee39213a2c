namespace ParallelAgents.Abstractions;

/// <summary>Where a job's files are: a local path under the allowed roots, or an uploaded workspace id.</summary>
[GenerateSerializer, Immutable, Alias("pa.WorkspaceRef")]
public sealed record WorkspaceRef(string? Path, string? WorkspaceId);
