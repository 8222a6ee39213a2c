namespace ParallelAgents.Commands.Prime;

/// <summary>Walks a workspace once: applies nested <c>.gitignore</c> files, never follows directory links, notes sizes and languages.</summary>
public static class FileIndexBuilder
{
    /// <summary>Builds the index of <paramref name="root"/>.</summary>
    public static FileIndex Build(string root, long maxFileBytes, bool respectGitIgnore, string stamp = "")
    {
        root = Path.GetFullPath(root);
        var files = new List<IndexedFile>();
        var ignoredFiles = 0;
        var ignoredDirectories = 0;
        var pending = new Stack<(string Full, string Relative, GitIgnoreRules Rules)>();
        pending.Push((root, "", GitIgnoreRules.None));
        while (pending.Count > 0)
        {
            var (dir, rel, rules) = pending.Pop();
            if (respectGitIgnore)
            {
                var gitignore = Path.Combine(dir, ".gitignore");
                try
                {
                    if (File.Exists(gitignore))
                    {
                        rules = rules.With(rel, File.ReadAllLines(gitignore));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // An unreadable .gitignore excludes nothing.
                }
            }

            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files.Add(new IndexedFile(rel.Length == 0 ? "." : rel, 0, null, $"unreadable directory: {e.Message}"));
                continue;
            }

            foreach (var entry in entries)
            {
                var path = rel.Length == 0 ? entry.Name : rel + "/" + entry.Name;
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

                    if (d.LinkTarget is not null)
                    {
                        files.Add(new IndexedFile(path, 0, null, "directory link, not followed"));
                        continue;
                    }

                    pending.Push((d.FullName, path, rules));
                    continue;
                }

                if (respectGitIgnore && rules.IsIgnored(path, isDirectory: false))
                {
                    ignoredFiles++;
                    continue;
                }

                files.Add(Describe((FileInfo)entry, path, maxFileBytes));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new FileIndex(root, files, ignoredFiles, ignoredDirectories, stamp);
    }

    private static IndexedFile Describe(FileInfo file, string path, long maxFileBytes)
    {
        var language = LanguageCatalog.Detect(file.Name)?.Name;
        try
        {
            if (file.LinkTarget is not null)
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
}
