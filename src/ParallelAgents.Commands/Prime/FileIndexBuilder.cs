using ParallelAgents.Commands.Workspaces;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// Walks a workspace once: applies nested <c>.gitignore</c> files, never follows directory links, notes sizes and
/// languages. The directories of one depth are read in parallel, so a wide tree is walked by every core.
/// </summary>
public static class FileIndexBuilder
{
    /// <summary>Builds the index of <paramref name="root"/>.</summary>
    public static FileIndex Build(string root, long maxFileBytes, bool respectGitIgnore, string stamp = "")
    {
        root = Path.GetFullPath(root);
        var files = new List<IndexedFile>();
        var ignoredFiles = 0;
        var ignoredDirectories = 0;
        var options = new ParallelOptions { TaskScheduler = TaskScheduler.Default, MaxDegreeOfParallelism = Environment.ProcessorCount };
        List<Folder> frontier = [new(root, "", GitIgnoreRules.None)];
        while (frontier.Count > 0)
        {
            var visits = new Visit[frontier.Count];
            var level = frontier;
            if (level.Count == 1)
            {
                visits[0] = VisitFolder(level[0], maxFileBytes, respectGitIgnore);
            }
            else
            {
                Parallel.For(0, level.Count, options, i => visits[i] = VisitFolder(level[i], maxFileBytes, respectGitIgnore));
            }

            frontier = [];
            foreach (var visit in visits)
            {
                files.AddRange(visit.Files);
                frontier.AddRange(visit.Folders);
                ignoredFiles += visit.IgnoredFiles;
                ignoredDirectories += visit.IgnoredDirectories;
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new FileIndex(root, files, ignoredFiles, ignoredDirectories, stamp);
    }

    private static Visit VisitFolder(Folder folder, long maxFileBytes, bool respectGitIgnore)
    {
        var (dir, rel, rules) = folder;
        var files = new List<IndexedFile>();
        var folders = new List<Folder>();
        var ignoredFiles = 0;
        var ignoredDirectories = 0;
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(dir).GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            files.Add(new IndexedFile(rel.Length == 0 ? "." : rel, 0, null, $"unreadable directory: {e.Message}"));
            return new(files, folders, 0, 0);
        }

        if (respectGitIgnore && entries.FirstOrDefault(e => e is FileInfo && e.Name == ".gitignore") is { } gitignore)
        {
            rules = rules.WithFile(rel, gitignore.FullName);
        }

        foreach (var entry in entries)
        {
            var path = rel.Length == 0 ? entry.Name : rel + "/" + entry.Name;
            // An entry that cannot be asked counts as a link, whose target is then checked with errors handled.
            var isLink = WorkspaceFiles.IsLink(entry);
            if (entry is DirectoryInfo d)
            {
                if (d.Name == ".git")
                {
                    continue;
                }

                if (respectGitIgnore && rules.IsIgnored(path, isDirectory: true))
                {
                    ignoredDirectories++;
                    continue;
                }

                if (isLink)
                {
                    files.Add(new IndexedFile(path, 0, null, "directory link, not followed"));
                    continue;
                }

                folders.Add(new(d.FullName, path, rules));
                continue;
            }

            if (respectGitIgnore && rules.IsIgnored(path, isDirectory: false))
            {
                ignoredFiles++;
                continue;
            }

            files.Add(Describe((FileInfo)entry, path, maxFileBytes, isLink));
        }

        return new(files, folders, ignoredFiles, ignoredDirectories);
    }

    private static IndexedFile Describe(FileInfo file, string path, long maxFileBytes, bool isLink)
    {
        var language = LanguageCatalog.Detect(file.Name)?.Name;
        try
        {
            if (isLink)
            {
                FileSystemInfo? target;
                try
                {
                    target = file.ResolveLinkTarget(returnFinalTarget: true);
                }
                catch (IOException)
                {
                    target = null;
                }

                if (target is null || !target.Exists || target is DirectoryInfo)
                {
                    return new IndexedFile(path, 0, language, "broken or looping link");
                }

                var size = ((FileInfo)target).Length;
                return size > maxFileBytes ? new IndexedFile(path, size, language, $"larger than the limit of {maxFileBytes} bytes") : new IndexedFile(path, size, language, null);
            }

            return file.Length > maxFileBytes
                ? new IndexedFile(path, file.Length, language, $"larger than the limit of {maxFileBytes} bytes")
                : new IndexedFile(path, file.Length, language, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new IndexedFile(path, 0, language, $"unreadable: {e.Message}");
        }
    }

    private sealed record Folder(string Full, string Relative, GitIgnoreRules Rules);

    private sealed record Visit(List<IndexedFile> Files, List<Folder> Folders, int IgnoredFiles, int IgnoredDirectories);
}
