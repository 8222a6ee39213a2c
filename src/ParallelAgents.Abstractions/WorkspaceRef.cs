namespace ParallelAgents.Abstractions;

/// <summary>Where a job's files are: a local path under the allowed roots, an uploaded workspace id, or a git repository.</summary>
[GenerateSerializer, Immutable, Alias("pa.WorkspaceRef")]
public sealed record WorkspaceRef(string? Path, string? WorkspaceId)
{
    /// <summary>A git repository at a ref; the coordinator fixes the ref to a commit before any work starts.</summary>
    [Id(0)]
    public GitSource? Git { get; init; }
}
