using System.Globalization;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>
/// The files a diff-aware run (<c>changedSince</c>) considers: those added, modified or renamed (under their new path)
/// between the base and the workspace's commit. Deleted files are not among them: there is nothing left to read.
/// </summary>
public sealed class WorkspaceChanges
{
    private readonly HashSet<string> _files;

    /// <summary>The changes between <paramref name="baseCommit"/> and <paramref name="commit"/>.</summary>
    /// <param name="baseRef">The ref the request named.</param>
    /// <param name="baseCommit">The sha it was resolved to.</param>
    /// <param name="commit">The workspace's commit.</param>
    /// <param name="files">Workspace-relative paths with forward slashes.</param>
    public WorkspaceChanges(string baseRef, string baseCommit, string commit, IEnumerable<string> files)
    {
        BaseRef = baseRef;
        BaseCommit = baseCommit;
        Commit = commit;
        _files = new HashSet<string>(files, StringComparer.Ordinal);
    }

    /// <summary>The ref the request named, e.g. <c>origin/main</c>.</summary>
    public string BaseRef { get; }

    /// <summary>The full sha of the base.</summary>
    public string BaseCommit { get; }

    /// <summary>The workspace's commit the base is compared with.</summary>
    public string Commit { get; }

    /// <summary>The changed files, relative, in ordinal order.</summary>
    public IReadOnlyList<string> Files => [.. _files.Order(StringComparer.Ordinal)];

    /// <summary>How many files changed.</summary>
    public int Count => _files.Count;

    /// <summary>True when <paramref name="path"/> (workspace-relative, forward slashes) changed.</summary>
    public bool Contains(string path) => _files.Contains(path);

    /// <summary>True when a changed file lies in the folder <paramref name="folder"/> (relative; "" or "." for the root).</summary>
    public bool AnyUnder(string folder)
    {
        var prefix = folder.Trim('/') is "" or "." ? "" : folder.Trim('/') + "/";
        return prefix.Length == 0 ? _files.Count > 0 : _files.Any(f => f.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The statement for the report: the base, its sha and the number of files considered.</summary>
    public string Note() => string.Create(
        CultureInfo.InvariantCulture,
        $"Changed since {BaseRef} ({BaseCommit[..Math.Min(12, BaseCommit.Length)]}): {Count} file(s) changed up to {Commit[..Math.Min(12, Commit.Length)]} (renames followed, deletions ignored); only they are considered as items.");
}
