using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// The <c>docs</c> command (tech-writer): checks documentation by document type — links, anchors, images, a markdownlint
/// subset, README sections, agent instructions, OpenAPI documents — measures doc-comment coverage of public code, and
/// with <c>update</c> proposes patches as unified diffs. Never writes the workspace.
/// </summary>
public sealed class DocsCommand : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "docs";

    /// <summary>Undocumented-symbol findings per coverage item; the counts stay complete.</summary>
    public const int MaxSymbolFindingsPerItem = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "tech-writer",
        "Checks documentation by document type (links, anchors, lint, README, CLAUDE.md/AGENTS.md, OpenAPI, code-doc coverage) and proposes patches.",
        new PoolDefaults(MaxInstances: 6, ItemsPerInstance: 20),
        PartitionStrategy.Keyed,
        DocsOptions.Declared);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = context.RequireWorkspace();
        var options = DocsOptions.From(context.Options);
        var files = workspace.EnumerateFiles(options.SkippedDirectories());
        var items = new List<WorkItem>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!context.Considers(file))
            {
                continue;
            }

            if (DocumentTypes.IsMarkdown(file))
            {
                items.Add(new WorkItem("doc:" + file, DocumentTypes.ClassifyMarkdown(file), Length(workspace, file), file));
            }
            else if (DocumentTypes.HasSpecExtension(file) && (DocumentTypes.IsOpenApiName(file) || (DocumentTypes.IsInApiFolder(file) && OpenApiChecker.LooksLikeOpenApi(Head(workspace, file)))))
            {
                items.Add(new WorkItem("spec:" + file, DocumentTypes.Api, Length(workspace, file), file));
            }
        }

        if (options.Coverage)
        {
            foreach (var project in CodeProjectLocator.Locate(files).Where(p => p.Files.Any(context.Considers)))
            {
                var cost = project.Files.Sum(f => Length(workspace, f));
                items.Add(new WorkItem($"code:{project.Language}:{project.Project}", DocumentTypes.CodeDocs, cost, JsonSerializer.Serialize(project, Json)));
            }
        }

        var notes = new List<string>
        {
            $"{items.Count(i => i.Key != DocumentTypes.CodeDocs)} document(s) and {items.Count(i => i.Key == DocumentTypes.CodeDocs)} code project(s) to check.",
        };
        if (context.Changes is not null)
        {
            notes.Add("Only changed Markdown files and API documents, and code projects with a changed file, are checked; their links are resolved against the whole tree.");
        }

        return Task.FromResult(new Assessment(items, Notes: notes));
    }

    /// <inheritdoc />
    public Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workspace = context.RequireWorkspace();
        var options = DocsOptions.From(context.Options);
        var findings = new List<Finding>();
        DocsItemData data;
        if (item.Key == DocumentTypes.CodeDocs)
        {
            var project = JsonSerializer.Deserialize<CodeDocItem>(item.Payload ?? "{}", Json) ?? throw new InvalidOperationException($"Item {item.Id} has no coverage payload.");
            data = new DocsItemData(null, MeasureCoverage(workspace, project, options, findings, cancellationToken), DocumentTypes.CodeDocs, project.Project);
        }
        else
        {
            var path = item.Payload ?? throw new InvalidOperationException($"Item {item.Id} has no path.");
            var text = DocFileReader.Read(workspace, path, options.MaxFileBytes, findings, out var bytes);
            if (!DocumentTypes.IsMarkdown(path))
            {
                if (text is not null)
                {
                    findings.AddRange(OpenApiChecker.Check(path, text));
                }

                data = new DocsItemData(null, null, item.Key, path);
            }
            else
            {
                data = new DocsItemData(InspectMarkdown(workspace, item.Key, path, text, bytes, options, findings), null, item.Key, path);
            }
        }

        return Task.FromResult(new ItemResult(item.Id, findings, JsonSerializer.Serialize(data, Json), Stopwatch.GetElapsedTime(started).TotalMilliseconds, null));
    }

    /// <inheritdoc />
    public async Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var workspace = context.RequireWorkspace();
        var options = DocsOptions.From(context.Options);
        var findings = results.SelectMany(r => r.Findings).ToList();
        var items = results
            .Where(r => r.Error is null && r.DataJson is not null)
            .Select(r => JsonSerializer.Deserialize<DocsItemData>(r.DataJson!, Json))
            .OfType<DocsItemData>()
            .ToArray();
        var documents = items.Where(i => i.Document is not null).Select(i => i.Document!)
            .GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var notes = new List<string>();

        bool Exists(string path) => TryFull(workspace, path) is { } full && (File.Exists(full) || Directory.Exists(full));
        bool IsDirectory(string path) => TryFull(workspace, path) is { } full && Directory.Exists(full);
        var checker = new LinkChecker(Exists, IsDirectory, p => documents.GetValueOrDefault(p));
        var linkFindings = documents.Values.Where(d => d.Analysed).OrderBy(d => d.Path, StringComparer.Ordinal).SelectMany(checker.Check).ToList();
        findings.AddRange(linkFindings);

        ExternalSummary? external = null;
        if (options.CheckExternal)
        {
            var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ExternalLinkChecker.HttpClientName);
            external = await CheckExternalAsync(http, documents.Values, options, findings, notes, cancellationToken).ConfigureAwait(false);
        }

        var coverage = items.Where(i => i.Coverage is not null).Select(i => i.Coverage!).OrderBy(c => c.Project, StringComparer.Ordinal).ThenBy(c => c.Language, StringComparer.Ordinal).ToArray();
        if (options.MinDocCoverage > 0)
        {
            foreach (var project in coverage.Where(c => c.Symbols > 0 && c.Ratio < options.MinDocCoverage))
            {
                findings.Add(new(DocsRules.CoverageBelowMinimum, Severity.Low, $"{project.Language} project '{project.Project}' documents {project.Documented} of {project.Symbols} public symbols ({project.Ratio:P0}), below {options.MinDocCoverage:P0}; add doc comments.", project.Project == "." ? null : project.Project, Properties: new Dictionary<string, string> { ["language"] = project.Language, ["coverage"] = project.Ratio.ToString("0.###", CultureInfo.InvariantCulture) }));
            }
        }

        PatchSummary? patches = null;
        if (options.Update)
        {
            patches = PlanPatches(workspace, options, documents, linkFindings, notes);
        }

        var typeOfPath = items.GroupBy(i => i.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        string TypeOf(Finding f) => f.File is null ? DocumentTypes.CodeDocs
            : typeOfPath.TryGetValue(f.File, out var t) ? t
            : CodeProjectLocator.LanguageOf(f.File) is not null ? DocumentTypes.CodeDocs : DocumentTypes.Guides;

        var documentsByType = DocumentTypes.All.ToDictionary(t => t, t => items.Count(i => i.Type == t && i.Coverage is null));
        var findingsByType = DocumentTypes.All.ToDictionary(t => t, t => findings.Count(f => TypeOf(f) == t));
        var findingsByRule = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var totalSymbols = coverage.Sum(c => c.Symbols);
        var totalDocumented = coverage.Sum(c => c.Documented);
        var data = new
        {
            documentsByType,
            findingsByType,
            findingsByRule,
            links = new
            {
                checkedLinks = documents.Values.Sum(d => d.Links.Count(l => LinkTarget.Parse(l.Target).Kind is LinkKind.Relative or LinkKind.Anchor)),
                broken = linkFindings.Count,
            },
            external,
            coverage = new
            {
                projects = coverage.Select(c => new { c.Project, c.Language, c.Files, c.Symbols, c.Documented, ratio = Math.Round(c.Ratio, 4) }),
                total = new { symbols = totalSymbols, documented = totalDocumented, ratio = totalSymbols == 0 ? 1 : Math.Round((double)totalDocumented / totalSymbols, 4) },
            },
            patches,
        };

        var markdown = DocsMarkdown.Write(documentsByType, findingsByType, findingsByRule, coverage, totalSymbols, totalDocumented, patches, external);
        return new ReportSection(findings, DocsRules.All, JsonSerializer.Serialize(data, Json), markdown, notes);
    }

    private static DocumentData InspectMarkdown(Workspace workspace, string type, string path, string? text, long bytes, DocsOptions options, List<Finding> findings)
    {
        if (text is null)
        {
            return new DocumentData(path, type, bytes, false, [], [], [], null, false, false);
        }

        DocumentData document;
        try
        {
            document = MarkdownInspector.Inspect(path, type, bytes, text, options.LineLength, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            findings.Add(new(DocsRules.Unreadable, Severity.Medium, $"Markdown could not be parsed: {e.Message}", path));
            return new DocumentData(path, type, bytes, false, [], [], [], null, false, false);
        }

        if (type == DocumentTypes.Readme)
        {
            findings.AddRange(ReadmeChecker.Check(document, options.ReadmeSections));
        }
        else if (type == DocumentTypes.AgentInstructions)
        {
            IReadOnlySet<string>? names = null;
            findings.AddRange(InstructionChecker.Check(path, text, workspace, () => names ??= workspace.EnumerateFiles(options.SkippedDirectories()).Select(f => f[(f.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal)));
        }

        return document;
    }

    private static CoverageData MeasureCoverage(Workspace workspace, CodeDocItem project, DocsOptions options, List<Finding> findings, CancellationToken cancellationToken)
    {
        var symbols = 0;
        var documented = 0;
        var files = 0;
        var reported = 0;
        foreach (var file in project.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = DocFileReader.Read(workspace, file, options.MaxFileBytes, findings, out _);
            if (text is null)
            {
                continue;
            }

            files++;
            IReadOnlyList<PublicSymbol> found = project.Language switch
            {
                "csharp" => CSharpDocCoverage.Symbols(text),
                "python" => PythonDocCoverage.Symbols(text),
                "javascript" => ScriptDocCoverage.Symbols(text),
                "go" => GoDocCoverage.Symbols(text),
                _ => [],
            };
            symbols += found.Count;
            foreach (var symbol in found)
            {
                if (symbol.Documented)
                {
                    documented++;
                }
                else if (reported++ < MaxSymbolFindingsPerItem)
                {
                    findings.Add(new(DocsRules.UndocumentedSymbol, Severity.Info, $"Public {project.Language} symbol '{symbol.Name}' has no doc comment; add one.", file, symbol.Line, Properties: new Dictionary<string, string> { ["symbol"] = symbol.Name }));
                }
            }
        }

        return new CoverageData(project.Project, project.Language, files, symbols, documented);
    }

    private static async Task<ExternalSummary> CheckExternalAsync(HttpClient http, IEnumerable<DocumentData> documents, DocsOptions options, List<Finding> findings, List<string> notes, CancellationToken cancellationToken)
    {
        var occurrences = documents.Where(d => d.Analysed)
            .SelectMany(d => d.Links.Select(l => (Document: d, Link: l, Target: LinkTarget.Parse(l.Target))))
            .Where(x => x.Target.Kind == LinkKind.External)
            .ToArray();
        var urls = occurrences.Select(o => o.Target.Path).Distinct(StringComparer.Ordinal).ToArray();
        if (urls.Length > options.MaxExternalLinks)
        {
            notes.Add($"{urls.Length} distinct external URLs found; only the first {options.MaxExternalLinks} were checked (maxExternalLinks).");
            urls = urls.Take(options.MaxExternalLinks).ToArray();
        }

        var checker = new ExternalLinkChecker(http, options.ExternalConcurrency, options.ExternalPerHost, TimeSpan.FromMilliseconds(options.ExternalTimeoutMs));
        var outcome = await checker.CheckAsync(urls, cancellationToken).ConfigureAwait(false);
        var broken = 0;
        foreach (var (document, link, target) in occurrences)
        {
            if (outcome.TryGetValue(target.Path, out var problem) && problem is not null)
            {
                broken++;
                findings.Add(new(DocsRules.BrokenExternalLink, Severity.Low, $"External link '{target.Path}' failed: {problem}; fix or remove it.", document.Path, link.Line, Properties: new Dictionary<string, string> { ["target"] = link.Target }));
            }
        }

        return new ExternalSummary(urls.Length, outcome.Count(o => o.Value is not null), broken);
    }

    private static PatchSummary PlanPatches(Workspace workspace, DocsOptions options, Dictionary<string, DocumentData> documents, List<Finding> linkFindings, List<string> notes)
    {
        string? Read(string path)
        {
            var full = TryFull(workspace, path);
            if (full is null || !File.Exists(full))
            {
                return null;
            }

            try
            {
                return File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        bool Exists(string path) => TryFull(workspace, path) is { } full && (File.Exists(full) || Directory.Exists(full));
        bool IsDirectory(string path) => TryFull(workspace, path) is { } full && Directory.Exists(full);
        var files = workspace.EnumerateFiles(options.SkippedDirectories());
        var planner = new PatchPlanner(documents, files, Read, Exists, IsDirectory);
        var broken = linkFindings.Where(f => f.RuleId is DocsRules.BrokenRelativeLink or DocsRules.MissingImage).ToArray();
        IReadOnlyList<ProposedPatch> proposed;
        try
        {
            proposed = planner.Plan(broken, options.TocMinHeadings);
        }
        catch (ArgumentException e)
        {
            notes.Add($"No patches offered: {e.Message}");
            return new PatchSummary(false, [e.Message], [], null);
        }

        if (proposed.Count == 0)
        {
            notes.Add("No patches needed.");
            return new PatchSummary(true, [], [], null);
        }

        var problems = planner.Verify(proposed, options.LineLength);
        if (problems is not null)
        {
            notes.Add($"No patches offered: {proposed.Count} patch(es) were prepared but the set failed its check ({problems.Count} problem(s)), so none is offered: {string.Join("; ", problems.Take(5))}");
            return new PatchSummary(false, problems, proposed.Select(p => new PatchFile(p.Path, p.Kinds)).ToArray(), null);
        }

        notes.Add($"{proposed.Count} patch(es) offered; apply with 'git apply' at the workspace root.");
        return new PatchSummary(true, [], proposed.Select(p => new PatchFile(p.Path, p.Kinds)).ToArray(), string.Concat(proposed.Select(p => p.Diff)));
    }

    private static string? TryFull(Workspace workspace, string relative)
    {
        try
        {
            return workspace.FullPath(relative);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static long Length(Workspace workspace, string path)
    {
        try
        {
            return new FileInfo(workspace.FullPath(path)).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 1;
        }
    }

    private static string Head(Workspace workspace, string path)
    {
        try
        {
            using var stream = File.OpenRead(workspace.FullPath(path));
            var buffer = new byte[4096];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
