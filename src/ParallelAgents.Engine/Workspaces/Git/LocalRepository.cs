namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// A path or uploaded workspace that is a git repository (<c>.git</c> at its root): its <c>HEAD</c>, a base named by
/// <c>changedSince</c>, and the files changed between them. git runs hardened (<see cref="GitRunner.LocalStartInfo"/>):
/// no network, no configuration of the machine, no hooks.
/// </summary>
/// <param name="runner">Runs git.</param>
public sealed class LocalRepository(GitRunner runner)
{
    /// <summary>
    /// True when <paramref name="root"/> has a <c>.git</c> folder (not a link). A <c>.git</c> file (a linked worktree)
    /// counts only when <paramref name="trusted"/>: in an upload it could point anywhere on the silo.
    /// </summary>
    public static bool IsRepository(string root, bool trusted)
    {
        var dotGit = Path.Combine(root, ".git");
        var directory = new DirectoryInfo(dotGit);
        if (directory.Exists)
        {
            return directory.LinkTarget is null;
        }

        return trusted && File.Exists(dotGit) && new FileInfo(dotGit).LinkTarget is null;
    }

    /// <summary>
    /// Why an uploaded repository cannot be read safely, or null: objects borrowed from another repository
    /// (<c>objects/info/alternates</c>, <c>commondir</c>) would make git read folders outside the upload.
    /// </summary>
    public static string? CheckUpload(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        return File.Exists(Path.Combine(dotGit, "objects", "info", "alternates")) || File.Exists(Path.Combine(dotGit, "objects", "info", "http-alternates")) || File.Exists(Path.Combine(dotGit, "commondir"))
            ? "The uploaded repository borrows objects from another repository (.git/objects/info/alternates or .git/commondir); upload a self-contained repository."
            : null;
    }

    /// <summary>The full sha of <c>HEAD</c>, or null when the repository has no commit (or git cannot read it).</summary>
    public async Task<string?> HeadAsync(string root, CancellationToken cancellationToken)
    {
        var result = await runner.RunLocalAsync(root, ["rev-parse", "--verify", "-q", "HEAD^{commit}"], cancellationToken);
        var sha = result.Output.Trim();
        return result.Succeeded && GitRefName.IsCommitSha(sha) ? sha.ToLowerInvariant() : null;
    }

    /// <summary>The full sha of the commit <paramref name="reference"/> names in the repository. Throws <see cref="WorkspaceException"/>.</summary>
    public async Task<string> ResolveAsync(string root, string reference, CancellationToken cancellationToken)
    {
        // The ref was checked at submission (no leading '-'); --end-of-options keeps it an argument regardless.
        var result = await runner.RunLocalAsync(root, ["rev-parse", "--verify", "-q", "--end-of-options", reference + "^{commit}"], cancellationToken);
        var sha = result.Output.Trim();
        return result.Succeeded && GitRefName.IsCommitSha(sha)
            ? sha.ToLowerInvariant()
            : throw new WorkspaceException($"changedSince: the workspace's repository has no branch, tag, ref or commit '{reference}'{(result.LastErrorLine.Length > 0 ? $" ({result.LastErrorLine})" : "")}.");
    }

    /// <summary>The files changed between <paramref name="baseCommit"/> and <paramref name="commit"/>. Throws <see cref="WorkspaceException"/>.</summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(string root, string baseCommit, string commit, CancellationToken cancellationToken)
    {
        var result = await runner.RunLocalAsync(root, GitDiff.Arguments(baseCommit, commit), cancellationToken);
        return result.Succeeded
            ? GitDiff.ChangedFiles(result.Output)
            : throw new WorkspaceException($"changedSince: git could not compare {baseCommit} with {commit} in the workspace's repository: {result.LastErrorLine}");
    }
}
