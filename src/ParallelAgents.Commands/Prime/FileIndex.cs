namespace ParallelAgents.Commands.Prime;

/// <summary>The files of one workspace, after <c>.gitignore</c>; built once per silo and shared read-only.</summary>
/// <param name="Root">Absolute root.</param>
/// <param name="Files">Files kept, in ordinal order of path.</param>
/// <param name="IgnoredFiles">Files left out by <c>.gitignore</c> rules.</param>
/// <param name="IgnoredDirectories">Directories left out by <c>.gitignore</c> rules (their files are not counted).</param>
/// <param name="Stamp">The change stamp the index was built for.</param>
public sealed record FileIndex(string Root, IReadOnlyList<IndexedFile> Files, int IgnoredFiles, int IgnoredDirectories, string Stamp)
{
    private readonly Dictionary<string, IndexedFile> _byPath = Files.ToDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>Finds a file by its relative path.</summary>
    public IndexedFile? Find(string path) => _byPath.GetValueOrDefault(path);
}
