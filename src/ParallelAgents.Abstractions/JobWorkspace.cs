namespace ParallelAgents.Abstractions;

/// <summary>What a job's snapshot and report say about its workspace: for a git workspace, the repository and commit.</summary>
/// <param name="Source">Where the files came from: <c>git</c>.</param>
/// <param name="Url">The repository's URL.</param>
/// <param name="Ref">The ref asked for; null for the remote's HEAD.</param>
/// <param name="Commit">The full sha every segment worked on; null until the coordinator resolved the ref.</param>
[GenerateSerializer, Immutable, Alias("pa.JobWorkspace")]
public sealed record JobWorkspace(string Source, string? Url, string? Ref, string? Commit)
{
    /// <summary>The description of a job's workspace reference; null for workspaces that are not git repositories.</summary>
    public static JobWorkspace? From(WorkspaceRef? reference) =>
        reference?.Git is { } git ? new JobWorkspace("git", git.Url, git.Ref, git.Commit) : null;
}
