using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>Finds the test suites of a workspace by reading files; runs nothing.</summary>
public static class SuiteDiscovery
{
    /// <summary>Folders never searched: dependencies, build output, virtual environments.</summary>
    public static IReadOnlySet<string> SkippedDirectories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "node_modules", ".venv", "venv", ".tox", "__pycache__", "site-packages", "bin", "obj", "target", "vendor",
        "testdata", ".pytest_cache", "dist", ".mypy_cache", ".idea", ".vs",
    };

    /// <summary>Every suite, in a stable order; unreadable files are listed in <paramref name="problems"/>.</summary>
    public static IReadOnlyList<TestSuite> Discover(Workspace workspace, ICollection<string> problems)
    {
        var files = workspace.EnumerateFiles(SkippedDirectories);
        var reader = new SourceReader(workspace, problems);
        var suites = new List<TestSuite>();
        suites.AddRange(PythonDiscovery.Find(files, reader));
        suites.AddRange(NodeDiscovery.Find(files, reader));
        suites.AddRange(DotNetDiscovery.Find(files, reader));
        suites.AddRange(GoDiscovery.Find(files, reader));
        suites.AddRange(RustDiscovery.Find(files, reader));
        return suites.Where(s => s.Tests.Count > 0).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The directory part of a relative path ("." for the root).</summary>
    internal static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "." : relative[..slash];
    }

    /// <summary>True when <paramref name="path"/> lies in <paramref name="dir"/> (relative paths; "." is the root).</summary>
    internal static bool IsUnder(string path, string dir) =>
        dir == "." || path.StartsWith(dir + "/", StringComparison.Ordinal);

    /// <summary><paramref name="path"/> relative to <paramref name="dir"/>.</summary>
    internal static string RelativeTo(string path, string dir) => dir == "." ? path : path[(dir.Length + 1)..];

    /// <summary>The deepest of <paramref name="roots"/> that holds <paramref name="path"/>.</summary>
    internal static string? NearestRoot(string path, IEnumerable<string> roots) =>
        roots.Where(r => IsUnder(path, r)).OrderByDescending(r => r == "." ? 0 : r.Length).FirstOrDefault();
}
