namespace ParallelAgents.Abstractions;

/// <summary>
/// What a job's snapshot and report say about its workspace: for a git workspace, the repository and commit; for a
/// path or upload that is a git repository, its commit; and the base of a diff-aware run.
/// </summary>
/// <param name="Source">Where the files came from: <c>git</c>, <c>path</c> or <c>upload</c>.</param>
/// <param name="Url">The repository's URL; null for paths and uploads.</param>
/// <param name="Ref">The ref asked for; null for the remote's HEAD.</param>
/// <param name="Commit">The full sha every segment worked on; null until the coordinator resolved the ref.</param>
[GenerateSerializer, Immutable, Alias("pa.JobWorkspace")]
public sealed record JobWorkspace(string Source, string? Url, string? Ref, string? Commit)
{
    /// <summary>The base the job's items were restricted to (<c>changedSince</c>), with its sha and the number of changed files.</summary>
    [Id(0)]
    public ChangeBase? ChangedSince { get; init; }

    /// <summary>The description of a job's workspace reference; null for workspaces that are not git repositories.</summary>
    public static JobWorkspace? From(WorkspaceRef? reference) => reference switch
    {
        { Git: { } git } => new JobWorkspace("git", git.Url, git.Ref, git.Commit) { ChangedSince = reference.ChangedSince },
        { Commit: not null } or { ChangedSince: not null } =>
            new JobWorkspace(reference.WorkspaceId is null ? "path" : "upload", null, null, reference.Commit) { ChangedSince = reference.ChangedSince },
        _ => null,
    };
}
