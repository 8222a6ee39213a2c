namespace ParallelAgents.Engine.Workspaces;

/// <summary>A job's files, read-only: a directory on this silo. Paths given out are relative, with forward slashes.</summary>
public sealed class Workspace
{
    private Action? _release;

    /// <summary>Wraps an existing directory.</summary>
    public Workspace(string rootPath)
        : this(rootPath, null)
    {
    }

    /// <summary>Wraps an existing directory held from a cache; <paramref name="release"/> gives it back when the job's context is dropped.</summary>
    public Workspace(string rootPath, Action? release)
    {
        _release = release;
        RootPath = Path.GetFullPath(rootPath);
        if (!Directory.Exists(RootPath))
        {
            throw new DirectoryNotFoundException($"Workspace '{rootPath}' does not exist.");
        }
    }

    /// <summary>Absolute path of the root.</summary>
    public string RootPath { get; }

    /// <summary>Lets the cache the directory came from (a git checkout) evict it again; later calls do nothing.</summary>
    public void Release() => Interlocked.Exchange(ref _release, null)?.Invoke();

    /// <summary>The relative path (forward slashes) of a path under the root.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(RootPath, fullPath).Replace('\\', '/');

    /// <summary>The absolute path of a relative path; throws when it would leave the root.</summary>
    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(RootPath, relativePath));
        if (!IsUnder(RootPath, full))
        {
            throw new UnauthorizedAccessException($"'{relativePath}' is outside the workspace.");
        }

        return full;
    }

    /// <summary>
    /// Every file under the root, relative, in ordinal order. Skips <c>.git</c> and directories given in
    /// <paramref name="skipDirectories"/>; does not follow directory links, so link loops cannot trap it.
    /// </summary>
    public IReadOnlyList<string> EnumerateFiles(IReadOnlySet<string>? skipDirectories = null)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(RootPath);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo d)
                {
                    if (d.LinkTarget is not null || d.Name == ".git" || (skipDirectories?.Contains(d.Name) ?? false))
                    {
                        continue;
                    }

                    pending.Push(d.FullName);
                }
                else
                {
                    files.Add(Relative(entry.FullName));
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it.</summary>
    public static bool IsUnder(string root, string path)
    {
        var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var p = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return p.Equals(r, StringComparison.Ordinal) || p.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
