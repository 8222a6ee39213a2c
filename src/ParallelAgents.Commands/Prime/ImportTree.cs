using System.Runtime.CompilerServices;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// What resolving imports needs to know about a tree: its files, the Python modules and script stems they provide,
/// and its Go modules. Built once per file index (so once per silo and workspace) and shared read-only by the items.
/// </summary>
public sealed class ImportTree
{
    private static readonly ConditionalWeakTable<FileIndex, ImportTree> ByIndex = [];

    private readonly Lazy<Dictionary<string, string>> _python;
    private readonly Lazy<Dictionary<string, string>> _ecma;

    private ImportTree(FileIndex index)
    {
        var files = index.Files.Select(f => f.Path).ToArray();
        Files = new HashSet<string>(files, StringComparer.Ordinal);
        GoModules = GoModulesOf(index);
        // The index already knows each file's language.
        GraphFiles = [.. index.Files.Where(f => f.Language is not null && LanguageCatalog.ByName(f.Language) is { Imports: ImportKind.Python or ImportKind.EcmaScript or ImportKind.Java or ImportKind.MsBuild }).Select(f => f.Path)];
        _python = new(() => DependencyResolver.PythonModules(files));
        _ecma = new(() => DependencyResolver.EcmaStems(files));
    }

    /// <summary>Every file.</summary>
    public HashSet<string> Files { get; }

    /// <summary>Files that are graph nodes whether or not they import anything.</summary>
    public IReadOnlyList<string> GraphFiles { get; }

    /// <summary>Go module path per directory holding a go.mod.</summary>
    public IReadOnlyDictionary<string, string> GoModules { get; }

    /// <summary>Dotted module name → file, for every dotted suffix of every .py file.</summary>
    public Dictionary<string, string> PythonModules => _python.Value;

    /// <summary>Path without a script extension → the file an extensionless import of it means.</summary>
    public Dictionary<string, string> EcmaStems => _ecma.Value;

    /// <summary>The lookups of <paramref name="index"/>, built on first use and kept as long as the index.</summary>
    public static ImportTree For(FileIndex index) => ByIndex.GetValue(index, i => new ImportTree(i));

    private static Dictionary<string, string> GoModulesOf(FileIndex index)
    {
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in index.Files.Where(f => f.Path == "go.mod" || f.Path.EndsWith("/go.mod", StringComparison.Ordinal)))
        {
            try
            {
                var line = File.ReadLines(Path.Combine(index.Root, file.Path)).FirstOrDefault(l => l.StartsWith("module ", StringComparison.Ordinal));
                if (line is not null)
                {
                    modules[file.Path.Length > 6 ? file.Path[..^7] : ""] = line[7..].Trim().Trim('"');
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable go.mod leaves its imports external.
            }
        }

        return modules;
    }
}
