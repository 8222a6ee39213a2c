using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Prime;

/// <summary>Merges prime's item results into one report section and runs the tree-wide analyses once: graph, cycles, duplicates.</summary>
public static class PrimeAggregator
{
    // Duplicated blocks beyond this many are counted and summed but not reported one by one.
    private const int MaxDuplicateFindings = 500;

    // Explicitly the thread pool: the aggregation may be called from a scheduler that runs one task at a time.
    private static readonly ParallelOptions Parallelism = new() { TaskScheduler = TaskScheduler.Default, MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Builds the section.</summary>
    public static ReportSection Aggregate(IReadOnlyList<ItemResult> results, FileIndex index, PrimeSettings settings, string mode)
    {
        // Item data is parsed on every core; the merge below keeps item order, so the report does not depend on timing.
        var usable = results.Where(r => r.Error is null && r.DataJson is not null).ToArray();
        var items = new PrimeItemData[usable.Length];
        Parallel.For(0, usable.Length, Parallelism, i => items[i] = JsonSerializer.Deserialize<PrimeItemData>(usable[i].DataJson!, PrimeJson.Options)!);
        var top = Math.Max(1, settings.Top);

        // The tree-wide analyses run on other cores while the per-file figures are merged here: duplicated blocks
        // (windows whose hash was seen at two places or more, merged into runs per file) and the dependency graph.
        var duplicatesTask = Task.Factory.StartNew(
            () => Duplicates([.. items.SelectMany(i => i.Windows)], settings.DuplicateWindow, Math.Max(MaxDuplicateFindings, top * 5)),
            CancellationToken.None,
            TaskCreationOptions.None,
            TaskScheduler.Default);
        var graphTask = Task.Factory.StartNew(() => Graph(items, index), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);

        var findings = new List<Finding>(results.Sum(r => r.Findings.Count) + 512);
        foreach (var result in results)
        {
            findings.AddRange(result.Findings);
        }

        var notes = new List<string>();

        var files = new Dictionary<string, PrimeItemData.FileStat>(StringComparer.Ordinal);
        foreach (var stat in items.SelectMany(i => i.Files))
        {
            files[stat.Path] = files.TryGetValue(stat.Path, out var seen) ? seen with { Complexity = Math.Max(seen.Complexity, stat.Complexity) } : stat;
        }

        var skipped = items.SelectMany(i => i.Skipped).DistinctBy(s => s.Path).OrderBy(s => s.Path, StringComparer.Ordinal).ToArray();
        var languages = files.Values.GroupBy(f => f.Language)
            .Select(g => new LanguageRow(g.Key, g.Count(), g.Sum(f => f.Code), g.Sum(f => f.Comment), g.Sum(f => f.Blank)))
            .OrderByDescending(l => l.Code).ThenBy(l => l.Language, StringComparer.Ordinal).ToArray();
        var directories = FolderTotals(files.Values)
            .OrderByDescending(d => d.Code).ThenBy(d => d.Path, StringComparer.Ordinal).Take(top * 2).ToArray();

        var largest = files.Values.OrderByDescending(f => f.Code).ThenBy(f => f.Path, StringComparer.Ordinal).Take(top).ToArray();
        var complex = files.Values.Where(f => f.Complexity > 0).OrderByDescending(f => f.Complexity).ThenBy(f => f.Path, StringComparer.Ordinal).Take(top).ToArray();
        var longFunctions = items.SelectMany(i => i.LongFunctions).DistinctBy(f => (f.Path, f.Line)).OrderByDescending(f => f.Lines).ThenBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var markers = items.SelectMany(i => i.Markers).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);

        var (graph, components, cycles, cycleFindings, fanIn, orphans, edges, mermaid) = graphTask.GetAwaiter().GetResult();
        findings.AddRange(cycleFindings);

        var (duplicates, duplicateCount, duplicateLines) = duplicatesTask.GetAwaiter().GetResult();
        foreach (var block in duplicates.Take(MaxDuplicateFindings))
        {
            findings.Add(new Finding(
                PrimeRules.Duplicate.Id,
                PrimeRules.Duplicate.DefaultSeverity,
                $"Lines {block.StartLine}-{block.EndLine} duplicate {block.OtherPath}:{block.OtherLine}; extract the shared code.",
                block.Path,
                block.StartLine));
        }

        if (duplicateCount > MaxDuplicateFindings)
        {
            notes.Add($"{duplicateCount} duplicated blocks found; the first {MaxDuplicateFindings} are reported as findings.");
        }

        var totals = new LanguageRow("SUM", languages.Sum(l => l.Files), languages.Sum(l => l.Code), languages.Sum(l => l.Comment), languages.Sum(l => l.Blank));
        notes.Add($"prime ran in {mode} mode over {files.Count} analysed file(s); {skipped.Length} skipped; {index.IgnoredFiles} file(s) and {index.IgnoredDirectories} folder(s) excluded by .gitignore.");

        var data = new
        {
            mode,
            totals,
            languages,
            directories,
            skipped,
            gitignore = new { ignoredFiles = index.IgnoredFiles, ignoredDirectories = index.IgnoredDirectories },
            hotspots = new
            {
                largest = largest.Select(f => new { f.Path, f.Language, f.Code, f.Bytes }),
                mostComplex = complex.Select(f => new { f.Path, f.Language, f.Complexity, f.Code }),
                complexityByLanguage = files.Values.GroupBy(f => f.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(f => f.Complexity), StringComparer.Ordinal),
            },
            patterns = new
            {
                longFunctionLimit = settings.LongFunctionLines,
                longFunctions = longFunctions.Take(top * 5),
                duplicateWindow = settings.DuplicateWindow,
                duplicatedBlocks = duplicateCount,
                duplicatedLines = duplicateLines,
                duplicates = duplicates.Take(top * 5),
            },
            debt = new { markers },
            dependencies = new
            {
                nodes = graph.Nodes.Count,
                edgeCount = edges.Length,
                edges = edges.Take(5000).Select(e => new[] { e.From, e.To }),
                edgesTruncated = edges.Length > 5000,
                cycles,
                orphans = orphans.Take(top * 5),
                orphanCount = orphans.Length,
                depth = graph.Depth(components),
                fanIn = fanIn.Where(f => f.Value > 0).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(top).Select(f => new { node = f.Key, count = f.Value }),
                fanOut = graph.Nodes.Select(n => (n, c: graph.FanOut(n))).Where(x => x.c > 0).OrderByDescending(x => x.c).ThenBy(x => x.n, StringComparer.Ordinal).Take(top).Select(x => new { node = x.n, count = x.c }),
                external = graph.External.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(top * 2).Select(e => new { module = e.Key, imports = e.Value }),
                mermaid,
            },
        };

        var markdown = Markdown(mode, languages, totals, directories, largest, complex, longFunctions, duplicates, duplicateCount, cycles, markers, skipped, mermaid, graph, orphans.Length, top);
        return new ReportSection(findings, PrimeRules.All, JsonSerializer.Serialize(data, PrimeJson.Options), markdown, notes);
    }

    // The dependency graph, resolved against every file of the tree, with what the report shows of it.
    private static GraphParts Graph(IReadOnlyList<PrimeItemData> items, FileIndex index)
    {
        var imports = items.SelectMany(i => i.Imports).DistinctBy(i => i.Path).OrderBy(i => i.Path, StringComparer.Ordinal).ToArray();
        var graph = DependencyResolver.Build(imports, ImportTree.For(index));
        var components = graph.StronglyConnectedComponents();
        var cycles = components.Where(c => c.Count > 1).OrderByDescending(c => c.Count).ThenBy(c => c[0], StringComparer.Ordinal).ToArray();
        var findings = new List<Finding>();
        foreach (var cycle in cycles)
        {
            var members = cycle.ToHashSet(StringComparer.Ordinal);
            var edge = graph.Edges.First(e => members.Contains(e.From) && members.Contains(e.To));
            var (file, line) = graph.Evidence(edge.From, edge.To);
            var shown = string.Join(", ", cycle.Take(8)) + (cycle.Count > 8 ? $" and {cycle.Count - 8} more" : "");
            findings.Add(new Finding(
                PrimeRules.Cycle.Id,
                PrimeRules.Cycle.DefaultSeverity,
                $"Dependency cycle of {cycle.Count} modules: {shown}. Break it by moving the shared code into a module both can import.",
                file,
                line,
                Properties: new Dictionary<string, string> { ["members"] = string.Join(";", cycle) }));
        }

        var fanIn = graph.FanIn();
        var orphans = graph.Nodes.Where(n => fanIn[n] == 0 && graph.FanOut(n) == 0).ToArray();
        return new GraphParts(graph, components, cycles, findings, fanIn, orphans, graph.Edges.ToArray(), graph.ToMermaid(40));
    }

    // Files and code lines per top-level folder and per folder two levels down ("." for files at the root).
    private static IEnumerable<FolderRow> FolderTotals(IEnumerable<PrimeItemData.FileStat> files)
    {
        var totals = new Dictionary<string, (int Files, long Code)>(StringComparer.Ordinal);
        var byName = totals.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var file in files)
        {
            var path = file.Path.AsSpan();
            var first = path.IndexOf('/');
            if (first < 0)
            {
                Add(".");
                continue;
            }

            Add(path[..first]);
            var second = path[(first + 1)..].IndexOf('/');
            if (second >= 0)
            {
                Add(path[..(first + 1 + second)]);
            }

            void Add(ReadOnlySpan<char> folder)
            {
                ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, folder, out _);
                total = (total.Files + 1, total.Code + file.Code);
            }
        }

        return totals.Select(t => new FolderRow(t.Key, t.Value.Files, t.Value.Code));
    }

    // The longest `keep` duplicated blocks, how many there are in all, and the lines they cover.
    private static (List<DuplicateBlock> Shown, int Count, int Lines) Duplicates(IReadOnlyList<PrimeItemData.FileWindows> windows, int window, int keep)
    {
        // Files are numbered in ordinal path order, so starts sort by two integers instead of by path strings.
        var paths = windows.Select(w => w.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var numbers = new Dictionary<string, int>(paths.Length, StringComparer.Ordinal);
        for (var k = 0; k < paths.Length; k++)
        {
            numbers[paths[k]] = k;
        }

        // One pass: the first place a hash was seen is the twin of every later place; both places start a duplicate.
        var first = new Dictionary<long, (int File, int Line)>(windows.Sum(w => w.Hashes.Count));
        var starts = new List<Start>();
        foreach (var file in windows)
        {
            var number = numbers[file.Path];
            for (var i = 0; i < file.Hashes.Count; i++)
            {
                var (hash, here) = (file.Hashes[i], (File: number, Line: file.Lines[i]));
                if (!first.TryGetValue(hash, out var twin))
                {
                    first[hash] = here;
                    continue;
                }

                if (twin == here)
                {
                    continue;
                }

                starts.Add(new(here.File, here.Line, twin.File, twin.Line, starts.Count));
                starts.Add(new(twin.File, twin.Line, here.File, here.Line, starts.Count));
            }
        }

        // By file and line; of several twins found for one start, the first found is kept.
        CollectionsMarshal.AsSpan(starts).Sort(default(StartOrder));
        var runs = new List<Run>();
        var previous = new Start(-1, 0, -1, 0, -1);
        foreach (var start in starts)
        {
            var samePath = previous.File == start.File;
            if (samePath && previous.Line == start.Line)
            {
                continue;
            }

            previous = start;
            // Window starts count non-blank lines; a gap of up to a window still belongs to the same block.
            if (samePath && runs.Count > 0 && start.Line <= runs[^1].EndLine + 1)
            {
                ref var current = ref CollectionsMarshal.AsSpan(runs)[^1];
                current = current with { EndLine = Math.Max(current.EndLine, start.Line + window - 1) };
                continue;
            }

            runs.Add(new Run(start.File, start.Line, start.Line + window - 1, start.OtherFile, start.OtherLine));
        }

        // Longest first, then by file and line; only the blocks the report shows become records.
        var duplicatedLines = runs.Sum(r => r.EndLine - r.StartLine + 1);
        CollectionsMarshal.AsSpan(runs).Sort(default(RunOrder));
        var shown = runs.Take(keep).Select(r => new DuplicateBlock(paths[r.File], r.StartLine, r.EndLine, paths[r.OtherFile], r.OtherLine)).ToList();
        return (shown, runs.Count, duplicatedLines);
    }

    private static string Markdown(
        string mode,
        IReadOnlyList<LanguageRow> languages,
        LanguageRow totals,
        IReadOnlyList<FolderRow> directories,
        IReadOnlyList<PrimeItemData.FileStat> largest,
        IReadOnlyList<PrimeItemData.FileStat> complex,
        IReadOnlyList<PrimeItemData.LongFunction> longFunctions,
        IReadOnlyList<DuplicateBlock> duplicates,
        int duplicateCount,
        IReadOnlyList<IReadOnlyList<string>> cycles,
        IReadOnlyDictionary<string, int> markers,
        IReadOnlyList<PrimeItemData.SkippedFile> skipped,
        string mermaid,
        DependencyGraph graph,
        int orphans,
        int top)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"## Codebase analysis (prime, {mode} mode)\n\n");
        sb.Append("### Languages\n\n| Language | Files | Code | Comment | Blank |\n|---|---:|---:|---:|---:|\n");
        foreach (var l in languages.Append(totals))
        {
            sb.Append(c, $"| {l.Language} | {l.Files} | {l.Code} | {l.Comment} | {l.Blank} |\n");
        }

        sb.Append("\n### Largest folders (code lines)\n\n| Folder | Files | Code |\n|---|---:|---:|\n");
        foreach (var d in directories.Take(top))
        {
            sb.Append(c, $"| `{d.Path}` | {d.Files} | {d.Code} |\n");
        }

        sb.Append("\n### Hotspots\n\n| Largest files | Code | | Most complex files | Branches |\n|---|---:|---|---|---:|\n");
        for (var i = 0; i < Math.Max(largest.Count, complex.Count); i++)
        {
            var a = i < largest.Count ? $"`{largest[i].Path}` | {largest[i].Code}" : " | ";
            var b = i < complex.Count ? $"`{complex[i].Path}` | {complex[i].Complexity}" : " | ";
            sb.Append(c, $"| {a} | | {b} |\n");
        }

        if (longFunctions.Count > 0)
        {
            sb.Append(c, $"\n### Long functions ({longFunctions.Count})\n\n");
            foreach (var f in longFunctions.Take(top))
            {
                sb.Append(c, $"- `{f.Path}:{f.Line}` {f.Name} — {f.Lines} lines\n");
            }
        }

        sb.Append(c, $"\n### Duplicated blocks ({duplicateCount})\n\n");
        foreach (var d in duplicates.Take(top))
        {
            sb.Append(c, $"- `{d.Path}:{d.StartLine}-{d.EndLine}` also at `{d.OtherPath}:{d.OtherLine}`\n");
        }

        sb.Append(c, $"\n### Dependency graph\n\n{graph.Nodes.Count} modules, {graph.EdgeCount} internal imports, {cycles.Count} cycle(s), {orphans} orphan(s).\n\n");
        foreach (var cycle in cycles.Take(top))
        {
            sb.Append(c, $"- cycle: {string.Join(" → ", cycle.Take(10))}{(cycle.Count > 10 ? " …" : "")}\n");
        }

        if (graph.Nodes.Count > 0)
        {
            sb.Append("\n```mermaid\n").Append(mermaid).Append("```\n");
        }

        sb.Append("\n### Technical debt\n\n");
        sb.Append(string.Join(", ", SourceScanner.MarkerWords.Select(w => $"{w}: {markers.GetValueOrDefault(w)}"))).Append('\n');
        if (skipped.Count > 0)
        {
            sb.Append(c, $"\n### Skipped files ({skipped.Count})\n\n");
            foreach (var s in skipped.Take(top * 2))
            {
                sb.Append(c, $"- `{s.Path}` — {s.Reason}\n");
            }
        }

        return sb.ToString();
    }

    private sealed record GraphParts(
        DependencyGraph Graph,
        IReadOnlyList<IReadOnlyList<string>> Components,
        IReadOnlyList<IReadOnlyList<string>> Cycles,
        IReadOnlyList<Finding> CycleFindings,
        IReadOnlyDictionary<string, int> FanIn,
        string[] Orphans,
        (string From, string To)[] Edges,
        string Mermaid);

    private sealed record LanguageRow(string Language, int Files, long Code, long Comment, long Blank);

    private sealed record FolderRow(string Path, int Files, long Code);

    private readonly record struct Start(int File, int Line, int OtherFile, int OtherLine, int Order);

    private readonly record struct Run(int File, int StartLine, int EndLine, int OtherFile, int OtherLine);

    // Longest first, then by file and first line (a file's runs do not overlap, so the order is total).
    private readonly struct RunOrder : IComparer<Run>
    {
        public int Compare(Run x, Run y) =>
            (y.EndLine - y.StartLine).CompareTo(x.EndLine - x.StartLine) is var byLength and not 0 ? byLength
            : x.File != y.File ? x.File.CompareTo(y.File) : x.StartLine.CompareTo(y.StartLine);
    }

    // By file, line, then the order found.
    private readonly struct StartOrder : IComparer<Start>
    {
        public int Compare(Start x, Start y) =>
            x.File != y.File ? x.File.CompareTo(y.File) : x.Line != y.Line ? x.Line.CompareTo(y.Line) : x.Order.CompareTo(y.Order);
    }

    private sealed record DuplicateBlock(string Path, int StartLine, int EndLine, string OtherPath, int OtherLine);
}
