namespace ParallelAgents.TestSupport;

/// <summary>The repository the tests run in: the nearest folder above the test binaries holding ParallelAgents.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    /// <summary>The root folder.</summary>
    public static string Path => LazyPath.Value;

    /// <summary>A path below the root.</summary>
    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The text of a file below the root.</summary>
    public static string ReadText(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ParallelAgents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository root (with ParallelAgents.sln) above {AppContext.BaseDirectory}.");
    }
}
