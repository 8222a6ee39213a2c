using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Docs;

/// <summary>The docs command's options, read from a job's options with their defaults.</summary>
/// <param name="CheckExternal">Check http(s) links over the network.</param>
/// <param name="Update">Propose patches as unified diffs.</param>
/// <param name="LineLength">MD013 limit.</param>
/// <param name="MaxFileBytes">Files larger than this are reported and not analysed.</param>
/// <param name="ReadmeSections">Required sections of the root README; each entry lists alternatives separated by '|'.</param>
/// <param name="Coverage">Measure code-doc coverage.</param>
/// <param name="MinDocCoverage">DOC041 fires for projects below this share (0 turns it off).</param>
/// <param name="TocMinHeadings">A document with at least this many H2/H3 headings and no table of contents gets one proposed.</param>
/// <param name="Exclude">Directory names skipped besides the built-in ones.</param>
/// <param name="ExternalConcurrency">Concurrent external requests.</param>
/// <param name="ExternalPerHost">Concurrent external requests per host.</param>
/// <param name="ExternalTimeoutMs">Timeout of one external request.</param>
/// <param name="MaxExternalLinks">Most distinct external URLs checked per job.</param>
public sealed record DocsOptions(
    bool CheckExternal,
    bool Update,
    int LineLength,
    long MaxFileBytes,
    IReadOnlyList<string> ReadmeSections,
    bool Coverage,
    double MinDocCoverage,
    int TocMinHeadings,
    IReadOnlyList<string> Exclude,
    int ExternalConcurrency,
    int ExternalPerHost,
    int ExternalTimeoutMs,
    int MaxExternalLinks)
{
    /// <summary>Default required README sections.</summary>
    public static IReadOnlyList<string> DefaultReadmeSections { get; } =
        ["install|installation|installing|quick start|quickstart|getting started|setup", "usage|using|how to use|examples"];

    /// <summary>Default size limit: 8 MiB.</summary>
    public const long DefaultMaxFileBytes = 8L * 1024 * 1024;

    /// <summary>Directories never scanned.</summary>
    public static IReadOnlySet<string> BuiltInSkippedDirectories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "node_modules", "bin", "obj", ".tools", "vendor", "dist", "build", "target", ".venv", "venv", "__pycache__", ".idea", ".vs", "TestResults", ".git",
    };

    /// <summary>The options declared to the engine, for validation and listings.</summary>
    public static IReadOnlyList<CommandOption> Declared { get; } =
    [
        new("checkExternal", OptionType.Boolean, "Check http(s) links over the network (bounded concurrency, per-host limits, timeouts).", "false"),
        new("update", OptionType.Boolean, "Propose patches as unified diffs: tables of contents, moved-link fixes, a docs index. Never writes the workspace.", "false"),
        new("lineLength", OptionType.Integer, "MD013 line length limit.", "80", 20, 10_000),
        new("maxFileBytes", OptionType.Integer, "Files larger than this are reported (DOC091) and not analysed.", DefaultMaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 1L << 31),
        new("readmeSections", OptionType.StringList, "Sections the root README must have; each entry lists alternatives separated by '|'.", string.Join(", ", DefaultReadmeSections)),
        new("coverage", OptionType.Boolean, "Measure doc-comment coverage of public symbols (C#, Python, JS/TS, Go).", "true"),
        new("minDocCoverage", OptionType.Number, "DOC041 fires for projects whose coverage is below this share (0 turns it off).", "0.5", 0, 1),
        new("tocMinHeadings", OptionType.Integer, "With update, documents with at least this many H2/H3 headings and no table of contents get one.", "8", 2, 10_000),
        new("exclude", OptionType.StringList, "Directory names to skip besides node_modules, bin, obj, vendor, dist, build...", "[]"),
        new("externalConcurrency", OptionType.Integer, "Concurrent external link requests.", "8", 1, 64),
        new("externalPerHost", OptionType.Integer, "Concurrent external link requests per host.", "2", 1, 16),
        new("externalTimeoutMs", OptionType.Integer, "Timeout of one external link request.", "10000", 100, 120_000),
        new("maxExternalLinks", OptionType.Integer, "Most distinct external URLs checked per job.", "1000", 1, 100_000),
    ];

    /// <summary>Reads the options of a job.</summary>
    public static DocsOptions From(CommandOptions options) => new(
        options.GetBool("checkExternal", false),
        options.GetBool("update", false),
        options.GetInt("lineLength", 80),
        (long)options.GetDouble("maxFileBytes", DefaultMaxFileBytes),
        options.Has("readmeSections") ? options.GetStringList("readmeSections") : DefaultReadmeSections,
        options.GetBool("coverage", true),
        options.GetDouble("minDocCoverage", 0.5),
        options.GetInt("tocMinHeadings", 8),
        options.GetStringList("exclude"),
        options.GetInt("externalConcurrency", 8),
        options.GetInt("externalPerHost", 2),
        options.GetInt("externalTimeoutMs", 10_000),
        options.GetInt("maxExternalLinks", 1000));

    /// <summary>Built-in skipped directories plus <see cref="Exclude"/>.</summary>
    public IReadOnlySet<string> SkippedDirectories() =>
        new HashSet<string>(BuiltInSkippedDirectories.Concat(Exclude), StringComparer.Ordinal);
}
