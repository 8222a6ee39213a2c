namespace ParallelAgents.Abstractions;

/// <summary>Where a job's files are: a local path under the allowed roots, an uploaded workspace id, or a git repository.</summary>
[GenerateSerializer, Immutable, Alias("pa.WorkspaceRef")]
public sealed record WorkspaceRef(string? Path, string? WorkspaceId)
{
    /// <summary>A git repository at a ref; the coordinator fixes the ref to a commit before any work starts.</summary>
    [Id(0)]
    public GitSource? Git { get; init; }

    /// <summary>Restricts the job to the files changed since this base; null for every file.</summary>
    [Id(1)]
    public ChangeBase? ChangedSince { get; init; }

    /// <summary>
    /// For a path or upload that is a git repository (<c>.git</c> at its root): the full sha of its <c>HEAD</c> when the
    /// job's coordinator looked. Null otherwise, and for git workspaces (their commit is <see cref="GitSource.Commit"/>).
    /// </summary>
    [Id(2)]
    public string? Commit { get; init; }
}
