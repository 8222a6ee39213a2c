using System.IO.Compression;

namespace ParallelAgents.Cli.Remote;

/// <summary>Zips a local directory for <c>POST /api/workspaces</c>.</summary>
public static class WorkspaceArchiver
{
    // Version-control data and build output are large and never what a command inspects.
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", ".hg", ".svn", "node_modules", "bin", "obj" };

    /// <summary>
    /// A zip of the directory's files with forward-slash relative names; symbolic links are left out. With
    /// <paramref name="withRepository"/> the root's <c>.git</c> folder goes too, so the service can compare commits.
    /// </summary>
    public static MemoryStream Zip(string directory, bool withRepository = false)
    {
        var root = new DirectoryInfo(directory);
        if (!root.Exists)
        {
            throw new CliException($"Cannot upload '{directory}': it is not a directory.");
        }

        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddDirectory(zip, root, root.FullName, withRepository);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static void AddDirectory(ZipArchive zip, DirectoryInfo directory, string root, bool withRepository)
    {
        foreach (var file in directory.EnumerateFiles())
        {
            if (file.LinkTarget is not null)
            {
                continue;
            }

            var name = Path.GetRelativePath(root, file.FullName).Replace('\\', '/');
            zip.CreateEntryFromFile(file.FullName, name, CompressionLevel.Fastest);
        }

        foreach (var child in directory.EnumerateDirectories())
        {
            var repository = withRepository && child.Name == ".git" && directory.FullName == root;
            if (child.LinkTarget is null && (repository || !SkippedDirectories.Contains(child.Name)))
            {
                AddDirectory(zip, child, root, withRepository: repository);
            }
        }
    }
}
