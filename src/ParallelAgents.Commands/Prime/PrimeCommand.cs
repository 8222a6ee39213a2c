using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// <c>prime</c>: codebase analysis by a codebase-analyst pool. Focused mode gives each of the five aspects (structure,
/// dependencies, patterns, hotspots, debt) to one instance over the whole tree; files mode splits the files into
/// byte-balanced batches and every instance runs every aspect on its batch. Tree-wide results (graph, cycles,
/// duplicates) are computed once in the aggregation.
/// </summary>
public sealed class PrimeCommand : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "prime";

    /// <summary>Focused mode.</summary>
    public const string FocusedMode = "focused";

    /// <summary>Files mode.</summary>
    public const string FilesMode = "files";

    private const string AspectPrefix = "aspect-";
    private const string BatchPrefix = "files-";

    // Windows are sampled by content (hash % n == 0), so both copies of a block keep the same windows: every 4th
    // window on average is kept, and of those seen once in an item every 16th travels for cross-item matches.
    private const int WindowSample = 4;
    private const int CrossItemWindowSample = 16;

    private static readonly PrimeAspect[] Aspects = [PrimeAspect.Structure, PrimeAspect.Dependencies, PrimeAspect.Patterns, PrimeAspect.Hotspots, PrimeAspect.Debt];

    private readonly FileIndexCache _fallbackCache = new();

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "codebase-analyst",
        "Codebase analysis: lines per language like cloc, dependency graph with cycles, complexity hotspots, long functions, duplicated blocks and debt markers.",
        new PoolDefaults(MaxInstances: 5, ItemsPerInstance: 1),
        PartitionStrategy.Keyed,
        [
            new("mode", OptionType.String, "focused: one instance per aspect; files: files split by size, every instance runs every aspect. Default: focused, or files above filesModeThreshold files.", null, AllowedValues: [FocusedMode, FilesMode]),
            new("filesModeThreshold", OptionType.Integer, "Analysed files above which files mode is chosen when mode is not given.", "2000", 1, 10_000_000),
            new("maxFileBytes", OptionType.Integer, "Files larger than this are skipped and listed.", "2000000", 1, 1_000_000_000),
            new("batchBytes", OptionType.Integer, "Target bytes per work item in files mode.", "1000000", 1024, 1_000_000_000),
            new("batchFiles", OptionType.Integer, "Most files per work item in files mode.", "400", 1, 1_000_000),
            new("longFunctionLines", OptionType.Integer, "Functions longer than this many lines are reported.", "80", 1, 100_000),
            new("duplicateWindow", OptionType.Integer, "Normalised non-blank lines a duplicated block must share.", "6", 2, 1000),
            new("top", OptionType.Integer, "Rows in each top list of the report.", "10", 1, 1000),
            new("respectGitignore", OptionType.Boolean, "Leave out files excluded by .gitignore files.", "true"),
        ]);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var settings = PrimeSettings.From(context.Options);
        var index = Index(context, settings);
        var analysable = index.Files.Where(f => f.Language is not null && context.Considers(f.Path)).ToArray();

        // A focused item reads the whole tree on whichever silo runs it; only a batch names its files.
        var (mode, why) = context.Changes is null ? ChooseMode(settings, analysable.Length) : (FilesMode, "changedSince: the changed files are batched");
        var notes = new List<string> { $"prime mode: {mode} ({why})." };
        if (mode == FocusedMode)
        {
            var cost = Math.Max(1, analysable.Sum(f => f.Size));
            var items = Aspects.Select(a => new WorkItem(AspectPrefix + Lower(a), Lower(a), cost, Lower(a))).ToArray();
            return Task.FromResult(new Assessment(items, PartitionStrategy.Keyed, Notes: notes));
        }

        var batches = new List<WorkItem>();
        var current = new List<string>();
        long bytes = 0;
        foreach (var file in analysable)
        {
            current.Add(file.Path);
            bytes += file.Size;
            if (bytes >= settings.BatchBytes || current.Count >= settings.BatchFiles)
            {
                Flush();
            }
        }

        Flush();
        notes.Add($"{analysable.Length} files in {batches.Count} batches of up to {settings.BatchBytes} bytes or {settings.BatchFiles} files.");
        return Task.FromResult(new Assessment(batches, PartitionStrategy.Balanced, Notes: notes));

        void Flush()
        {
            if (current.Count == 0)
            {
                return;
            }

            batches.Add(new WorkItem($"{BatchPrefix}{batches.Count:D5}", FilesMode, Math.Max(1, bytes), JsonSerializer.Serialize(current)));
            current = [];
            bytes = 0;
        }
    }

    /// <inheritdoc />
    public Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = PrimeSettings.From(context.Options);
        var workspace = context.RequireWorkspace();
        var index = Index(context, settings);
        PrimeAspect aspects;
        IReadOnlyList<IndexedFile> files;
        bool focused;
        if (item.Id.StartsWith(AspectPrefix, StringComparison.Ordinal))
        {
            focused = true;
            aspects = Enum.Parse<PrimeAspect>(item.Payload ?? "", ignoreCase: true);
            files = index.Files.Where(f => f.Language is not null).ToArray();
        }
        else
        {
            focused = false;
            aspects = PrimeAspect.All;
            var paths = JsonSerializer.Deserialize<string[]>(item.Payload ?? "[]") ?? [];
            files = paths.Select(p => index.Find(p) ?? Describe(workspace, p, settings)).ToArray();
        }

        var tree = aspects.HasFlag(PrimeAspect.Dependencies) ? ImportTree.For(index) : null;
        var (data, findings) = FileAnalyzer.Analyze(workspace, files, aspects, settings, WindowSample, cancellationToken, tree);
        data = data with { Windows = KeepWindows(data.Windows, focused) };
        var json = JsonSerializer.Serialize(data, PrimeJson.Options);
        return Task.FromResult(new ItemResult(item.Id, findings, json, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null));
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var settings = PrimeSettings.From(context.Options);
        var index = Index(context, settings);
        var mode = results.Any(r => r.ItemId.StartsWith(BatchPrefix, StringComparison.Ordinal)) ? FilesMode : FocusedMode;
        // CPU-bound: run on the thread pool, not on the caller's (a grain's) scheduler.
        return Task.Run(() => PrimeAggregator.Aggregate(results, index, settings, mode), cancellationToken);
    }

    /// <summary>The mode a job runs in, and why.</summary>
    public static (string Mode, string Why) ChooseMode(PrimeSettings settings, int analysableFiles) => settings.Mode switch
    {
        FocusedMode => (FocusedMode, "requested"),
        FilesMode => (FilesMode, "requested"),
        _ when analysableFiles > settings.FilesModeThreshold => (FilesMode, string.Create(CultureInfo.InvariantCulture, $"{analysableFiles} files, above the threshold of {settings.FilesModeThreshold}")),
        _ => (FocusedMode, string.Create(CultureInfo.InvariantCulture, $"{analysableFiles} files, not above the threshold of {settings.FilesModeThreshold}")),
    };

    // In focused mode the patterns item saw every file, so only windows seen twice matter. In files mode another item may
    // hold the twin: local duplicates are kept plus a content-chosen sample, which both copies of a block share.
    private static IReadOnlyList<PrimeItemData.FileWindows> KeepWindows(IReadOnlyList<PrimeItemData.FileWindows> windows, bool focused)
    {
        var counts = new Dictionary<long, int>(windows.Sum(w => w.Hashes.Count));
        foreach (var file in windows)
        {
            foreach (var hash in file.Hashes)
            {
                counts[hash] = counts.GetValueOrDefault(hash) + 1;
            }
        }

        var kept = new List<PrimeItemData.FileWindows>();
        foreach (var file in windows)
        {
            var hashes = new List<long>();
            var lines = new List<int>();
            for (var i = 0; i < file.Hashes.Count; i++)
            {
                var hash = file.Hashes[i];
                if (counts[hash] > 1 || (!focused && hash % CrossItemWindowSample == 0))
                {
                    hashes.Add(hash);
                    lines.Add(file.Lines[i]);
                }
            }

            if (hashes.Count > 0)
            {
                kept.Add(new(file.Path, hashes, lines));
            }
        }

        return kept;
    }

    private static IndexedFile Describe(Workspace workspace, string path, PrimeSettings settings)
    {
        var language = LanguageCatalog.Detect(path[(path.LastIndexOf('/') + 1)..])?.Name;
        try
        {
            var info = new FileInfo(workspace.FullPath(path));
            return info.Exists ? new IndexedFile(path, info.Length, language, null) : new IndexedFile(path, 0, language, "no longer exists");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new IndexedFile(path, 0, language, $"unreadable: {e.Message}");
        }
    }

    private FileIndex Index(CommandContext context, PrimeSettings settings)
    {
        var cache = context.Services.GetService<FileIndexCache>() ?? _fallbackCache;
        return cache.Get(context.RequireWorkspace().RootPath, settings.MaxFileBytes, settings.RespectGitIgnore);
    }

    private static string Lower(PrimeAspect aspect) => aspect.ToString().ToLowerInvariant();
}
