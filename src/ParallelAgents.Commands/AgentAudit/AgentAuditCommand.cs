using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>
/// Audits Claude Code agent definitions and skills: one segment per agent category (skills in their own), the
/// claude-code and claude-config rule packs per file, and the cross-file rules (unique names, agents per category,
/// skills naming missing agents) in aggregation. With <c>fix</c>, safe fixes come back as unified diffs.
/// </summary>
public sealed class AgentAuditCommand : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "agent-audit";

    // Enough of a file to hold its frontmatter; a category beyond it is not worth a full read during assessment.
    private const int CategoryProbeBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "code-reviewer",
        "Audits Claude Code agent definitions and skills against the claude-code and claude-config rule packs, one instance per agent category.",
        new PoolDefaults(MaxInstances: 8, ItemsPerInstance: 1),
        PartitionStrategy.Keyed,
        AgentAuditOptions.Declared);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = context.RequireWorkspace();
        var options = AgentAuditOptions.From(context.Options);
        var (all, found) = DefinitionDiscovery.Find(workspace, options.Paths);
        var files = all.Where(f => context.Considers(f.Path)).ToArray();
        var notes = found.ToList();
        if (context.Changes is not null)
        {
            notes.Add($"{files.Length} of the {all.Count} agent definitions and skills changed and are audited; the cross-file rules (unique names, agents per category, skills naming agents) still read all {all.Count} and report on the changed ones.");
        }

        var items = new List<WorkItem>(files.Length);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = workspace.FullPath(file.Path);
            var size = Size(full);
            var key = file.Kind == DefinitionKind.Agent ? CategoryKeys.KeyFor(ProbeCategory(full, file.Path, size, options.MaxFileBytes)) : CategoryKeys.Skills;
            items.Add(new WorkItem(file.Path, key, Math.Max(1, size), JsonSerializer.Serialize(file, Json)));
        }

        if (all.Count == 0)
        {
            notes.Add("No agent definitions or skills were found (.claude/agents/**/*.md, system-configs/.claude/agents/**/*.md, **/skills/*/SKILL.md, skills/*.md, options.paths).");
        }

        return Task.FromResult(new Assessment(items, Notes: notes));
    }

    /// <inheritdoc />
    public Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workspace = context.RequireWorkspace();
        var options = AgentAuditOptions.From(context.Options);
        var file = JsonSerializer.Deserialize<DefinitionFile>(item.Payload ?? "null", Json)
            ?? throw new InvalidOperationException($"Work item {item.Id} has no payload.");
        var (findings, data) = Audit(workspace, file, options);
        var result = new ItemResult(item.Id, findings, JsonSerializer.Serialize(data, Json), Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var options = AgentAuditOptions.From(context.Options);
        var data = results
            .Select(r => Read(r.DataJson))
            .OfType<AuditItemData>()
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ToArray();
        var findings = results.SelectMany(r => r.Findings).Concat(CrossFileChecks.Run(WholeSet(context, data, options), options).Where(f => f.File is null || context.Considers(f.File))).ToArray();
        var agents = data.Where(d => d.Kind == KindName(DefinitionKind.Agent)).ToArray();
        var byCategory = agents
            .GroupBy(d => d.Category ?? CategoryKeys.Uncategorized, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var fixes = data.Where(d => d.Diff is not null).Select(d => new { file = d.Path, diff = d.Diff }).ToArray();
        var json = JsonSerializer.Serialize(
            new
            {
                rulePacks = options.PackNames,
                files = data.Length,
                agents = agents.Length,
                skills = data.Length - agents.Length,
                unreadable = data.Count(d => !d.Readable),
                byCategory,
                fixes,
            },
            Json);
        return Task.FromResult(new ReportSection(findings, AgentRules.For(options), json, Markdown(options, data, byCategory)));
    }

    /// <summary>Audits one file: every per-file rule of the enabled packs, and the data the cross-file rules need.</summary>
    internal static (IReadOnlyList<Finding> Findings, AuditItemData Data) Audit(Workspace workspace, DefinitionFile file, AgentAuditOptions options)
    {
        var kind = KindName(file.Kind);
        var (text, problem) = DefinitionLoader.Load(workspace.FullPath(file.Path), file.Path, options.MaxFileBytes);
        if (text is null)
        {
            return ([problem!], new AuditItemData(file.Path, kind, false));
        }

        var (document, parseProblem) = AgentDocumentParser.Parse(text, file.Path);
        if (document is null)
        {
            return ([parseProblem!], new AuditItemData(file.Path, kind, false));
        }

        var audit = new FileAudit(file.Path, file.Kind, document, options, workspace);
        if (file.Kind == DefinitionKind.Agent)
        {
            if (options.ClaudeCode)
            {
                ClaudeCodeChecks.Run(audit);
            }

            if (options.ClaudeConfig)
            {
                ClaudeConfigChecks.Run(audit);
            }
        }
        else
        {
            SkillChecks.Run(audit);
        }

        string? diff = null;
        if (options.Fix && audit.Fixes.Any && !text.Contains('\r', StringComparison.Ordinal))
        {
            var (lines, endsWithNewline) = AgentFixer.Apply(document, audit.Fixes);
            diff = UnifiedDiff.Create(file.Path, document.Lines, document.EndsWithNewline, lines, endsWithNewline);
        }

        var name = document.Get("name");
        var category = document.Get("category");
        var agent = document.Get("agent");
        var data = new AuditItemData(
            file.Path,
            kind,
            true,
            string.IsNullOrWhiteSpace(name?.Scalar) ? null : name.Scalar.Trim(),
            name?.Line ?? 1,
            CategoryKeys.Normalise(category?.Scalar),
            category?.Line ?? 1,
            string.IsNullOrWhiteSpace(agent?.Scalar) ? null : agent.Scalar.Trim(),
            agent?.Line ?? 1,
            diff);
        return (audit.Findings, data);
    }

    // In a diff-aware run only the changed files were items; the cross-file rules need the others' names and categories too.
    private static IReadOnlyList<AuditItemData> WholeSet(CommandContext context, IReadOnlyList<AuditItemData> audited, AgentAuditOptions options)
    {
        if (context.Changes is not { } changes || context.Workspace is not { } workspace)
        {
            return audited;
        }

        var (files, _) = DefinitionDiscovery.Find(workspace, options.Paths);
        var seen = audited.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        return [.. audited, .. files.Where(f => !changes.Contains(f.Path) && !seen.Contains(f.Path)).Select(f => Audit(workspace, f, options).Data)];
    }

    private static string KindName(DefinitionKind kind) => kind switch
    {
        DefinitionKind.Agent => "agent",
        DefinitionKind.Skill => "skill",
        _ => "legacy-skill",
    };

    private static AuditItemData? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditItemData>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long Size(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // Reads the start of the file and parses its frontmatter for 'category'; anything unusual means no category,
    // and the full read in ExecuteAsync reports what is wrong.
    private static string? ProbeCategory(string fullPath, string relativePath, long size, long maxBytes)
    {
        if (size <= 0 || size > maxBytes)
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(fullPath);
            var buffer = new byte[Math.Min(size, CategoryProbeBytes)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var bytes = buffer.AsSpan(0, read);
            if (bytes.IndexOf((byte)0) >= 0)
            {
                return null;
            }

            var (document, _) = AgentDocumentParser.Parse(Encoding.UTF8.GetString(bytes), relativePath);
            return document?.Scalar("category");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Markdown(AgentAuditOptions options, IReadOnlyList<AuditItemData> data, IReadOnlyDictionary<string, int> byCategory)
    {
        var md = new StringBuilder();
        md.AppendLine("## Agent audit");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Rule packs: {(options.PackNames.Count == 0 ? "none (file and skill rules only)" : string.Join(", ", options.PackNames))} · {data.Count(d => d.Kind == "agent")} agent(s) · {data.Count(d => d.Kind != "agent")} skill(s) · {data.Count(d => !d.Readable)} unreadable file(s)");
        md.AppendLine();
        if (byCategory.Count > 0)
        {
            md.AppendLine("| category | agents |");
            md.AppendLine("|---|---:|");
            foreach (var (category, count) in byCategory)
            {
                var over = options.ClaudeConfig && category != CategoryKeys.Uncategorized && count > options.MaxAgentsPerCategory ? " (over the limit)" : "";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Engine.Reports.MarkdownReportWriter.Escape(category)} | {count}{over} |");
            }

            md.AppendLine();
        }

        var fixes = data.Where(d => d.Diff is not null).ToArray();
        if (fixes.Length > 0)
        {
            md.AppendLine("### Suggested fixes");
            md.AppendLine();
            md.AppendLine("Apply with `git apply` (or `patch -p1`) from the workspace root; the audit never writes the workspace.");
            md.AppendLine();
            foreach (var fix in fixes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"#### `{fix.Path}`");
                md.AppendLine();
                md.AppendLine("```diff");
                md.Append(fix.Diff);
                md.AppendLine("```");
                md.AppendLine();
            }
        }
        else if (options.Fix)
        {
            md.AppendLine("No safe fixes apply.");
            md.AppendLine();
        }

        return md.ToString();
    }
}
