using System.Text.Json.Serialization;

namespace ParallelAgents.Commands.Prime;

/// <summary>What one prime work item found, carried in <c>ItemResult.DataJson</c> and merged by the aggregation.</summary>
public sealed record PrimeItemData
{
    /// <summary>Aspects the item ran.</summary>
    public required IReadOnlyList<string> Aspects { get; init; }

    /// <summary>Per-file figures for analysed files.</summary>
    public IReadOnlyList<FileStat> Files { get; init; } = [];

    /// <summary>Files not analysed, with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Imports per file.</summary>
    public IReadOnlyList<FileImports> Imports { get; init; } = [];

    /// <summary>Functions longer than the threshold.</summary>
    public IReadOnlyList<LongFunction> LongFunctions { get; init; } = [];

    /// <summary>Sampled normalised line windows per file: hash and first line.</summary>
    public IReadOnlyList<FileWindows> Windows { get; init; } = [];

    /// <summary>Debt markers per kind.</summary>
    public IReadOnlyDictionary<string, int> Markers { get; init; } = new Dictionary<string, int>();

    /// <summary>Figures for one file; written as a JSON array (path, language, bytes, code, comment, blank, complexity).</summary>
    [JsonConverter(typeof(PrimeCompactJson.FileStatConverter))]
    public sealed record FileStat(string Path, string Language, long Bytes, int Code, int Comment, int Blank, int Complexity);

    /// <summary>A file left out and why.</summary>
    public sealed record SkippedFile(string Path, string Reason);

    /// <summary>The modules a file imports and declares.</summary>
    public sealed record FileImports(string Path, string Language, IReadOnlyList<Import> Uses, IReadOnlyList<string> Declares)
    {
        /// <summary>Imports already resolved to graph nodes of the tree (target node and line), when resolved by the item.</summary>
        public IReadOnlyList<Import>? Resolved { get; init; }

        /// <summary>External module names, one per import, when resolved by the item.</summary>
        public IReadOnlyList<string>? External { get; init; }
    }

    /// <summary>One import: the specifier as written and its line; written as a JSON array (spec, line).</summary>
    [JsonConverter(typeof(PrimeCompactJson.ImportConverter))]
    public sealed record Import(string Spec, int Line);

    /// <summary>A long function.</summary>
    public sealed record LongFunction(string Path, string Name, int Line, int Lines);

    /// <summary>The sampled windows of one file, as two parallel lists (the path is written once per file).</summary>
    /// <param name="Path">The file.</param>
    /// <param name="Hashes">Hash of each window's normalised lines.</param>
    /// <param name="Lines">First line of each window.</param>
    [JsonConverter(typeof(PrimeCompactJson.FileWindowsConverter))]
    public sealed record FileWindows(string Path, IReadOnlyList<long> Hashes, IReadOnlyList<int> Lines);
}
