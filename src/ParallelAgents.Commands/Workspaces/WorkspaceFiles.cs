using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Workspaces;

/// <summary>
/// The files of a workspace a command may read, relative with forward slashes, in ordinal order: nothing named
/// <c>.git</c> or below it, no link (file or directory) and nothing through one, nothing below a directory the caller
/// skips by name and, when asked, nothing the workspace's <c>.gitignore</c> files exclude at any level
/// (<see cref="GitIgnoreRules"/>; an excluded directory is never entered, so nothing below it comes back).
/// </summary>
public static class WorkspaceFiles
{
    /// <summary>Walks <paramref name="workspace"/> once.</summary>
    public static IReadOnlyList<string> Enumerate(Workspace workspace, bool respectGitIgnore, IReadOnlySet<string>? skipDirectories = null)
    {
        var files = new List<string>();
        var pending = new Stack<(string Full, string Relative, GitIgnoreRules Rules)>();
        pending.Push((workspace.RootPath, "", GitIgnoreRules.None));
        while (pending.Count > 0)
        {
            var (dir, rel, rules) = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(dir).GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (respectGitIgnore && entries.FirstOrDefault(e => e is FileInfo && e.Name == ".gitignore" && !IsLink(e)) is { } gitignore)
            {
                rules = rules.WithFile(rel, gitignore.FullName);
            }

            foreach (var entry in entries)
            {
                if (entry.Name == ".git" || IsLink(entry))
                {
                    continue;
                }

                var path = rel.Length == 0 ? entry.Name : rel + "/" + entry.Name;
                var isDirectory = entry is DirectoryInfo;
                if ((isDirectory && (skipDirectories?.Contains(entry.Name) ?? false)) || (respectGitIgnore && rules.IsIgnored(path, isDirectory)))
                {
                    continue;
                }

                if (isDirectory)
                {
                    pending.Push((entry.FullName, path, rules));
                }
                else
                {
                    files.Add(path);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// True when the entry is a link. Links are known from the attributes read while listing; only they cost a
    /// readlink. An entry that cannot be asked counts as a link.
    /// </summary>
    internal static bool IsLink(FileSystemInfo entry)
    {
        try
        {
            return entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
