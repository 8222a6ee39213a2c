using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Deps.Licenses;
using ParallelAgents.Commands.Deps.Osv;
using ParallelAgents.Commands.Deps.Parsers;
using ParallelAgents.Commands.Deps.Versions;
using ParallelAgents.Engine.Commands;
using Tomlyn;
using YamlDotNet.Core;

namespace ParallelAgents.Commands.Deps;

/// <summary>
/// deps-audit (dependency-analyst): inventories the dependencies of every manifest and lockfile of six package
/// managers, one segment per manager, matches resolved versions against OSV advisories and checks declared licenses.
/// </summary>
public sealed class DepsAuditCommand : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "deps-audit";

    /// <summary>Largest manifest read, in bytes.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "dependency-analyst",
        "Audits npm, Python, Go, Cargo, Maven and NuGet dependencies against OSV advisories and a license policy, one instance per package manager.",
        new PoolDefaults(MaxInstances: 6, ItemsPerInstance: 1),
        PartitionStrategy.Keyed,
        [
            new("licenses", OptionType.Object, "License policy: { \"allow\": [SPDX ids], \"deny\": [SPDX ids] }; expressions with AND/OR/WITH are evaluated.", "{}"),
            new("includeDev", OptionType.Boolean, "Also check development and test dependencies for advisories.", "true"),
            new("managers", OptionType.StringList, "Only audit these package managers.", "all", AllowedValues: PackageManagers.All),
            new("exclude", OptionType.StringList, "Further directory names to skip (node_modules, vendor, target, bin, obj, virtualenvs are always skipped).", "[]"),
        ]);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = context.RequireWorkspace();
        var skip = new HashSet<string>(ManifestCatalog.SkippedDirectories, StringComparer.Ordinal);
        skip.UnionWith(context.Options.GetStringList("exclude"));
        var managers = context.Options.GetStringList("managers", PackageManagers.All).ToHashSet(StringComparer.Ordinal);
        var items = new List<WorkItem>();
        var unchanged = 0;
        foreach (var path in workspace.EnumerateFiles(skip))
        {
            if (ManifestCatalog.Classify(path) is not { } kind || !managers.Contains(kind.Manager))
            {
                continue;
            }

            if (!context.Considers(path))
            {
                unchanged++;
                continue;
            }

            long size;
            try
            {
                size = new FileInfo(workspace.FullPath(path)).Length;
            }
            catch (IOException)
            {
                size = 0;
            }

            items.Add(new WorkItem(path, kind.Manager, Math.Max(1, size), path));
        }

        var found = items.GroupBy(i => i.Key).OrderBy(g => PackageManagers.All.ToList().IndexOf(g.Key))
            .Select(g => $"{g.Key} ({g.Count()} file{(g.Count() == 1 ? string.Empty : "s")})").ToArray();
        var notes = new List<string>
        {
            found.Length > 0 ? $"Package managers found: {string.Join(", ", found)}."
                : unchanged > 0 ? "No manifest or lockfile changed."
                : "No manifests or lockfiles of npm, Python, Go, Cargo, Maven or NuGet were found.",
        };
        if (context.Changes is not null)
        {
            notes.Add($"{items.Count} changed manifest(s) and lockfile(s) are audited; {unchanged} unchanged one(s) are not.");
        }

        return Task.FromResult(new Assessment(items, Notes: notes));
    }

    /// <inheritdoc />
    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workspace = context.RequireWorkspace();
        var path = item.Payload ?? item.Id;
        var (manager, parser) = ManifestCatalog.Classify(path) ?? (item.Key, (IManifestParser)new PackageJsonParser());
        var findings = new List<Finding>();
        ParsedManifest parsed;
        string? error = null;
        try
        {
            var text = ReadText(workspace.FullPath(path));
            parsed = parser.Parse(new ManifestSource(path, text, relative => TryRead(workspace, relative)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (message, line) = Describe(e);
            error = message;
            parsed = new ParsedManifest([], []);
            findings.Add(new Finding(
                DepsRules.Unreadable,
                Severity.Medium,
                $"{path} could not be read as {parser.Format}: {message} Fix or regenerate the file; its dependencies were not audited.",
                path,
                line,
                Properties: new Dictionary<string, string> { ["manager"] = manager, ["format"] = parser.Format }));
        }

        var includeDev = context.Options.GetBool("includeDev", true);
        var advisories = context.Services.GetService<AdvisoryService>();
        AdvisorySourceInfo? sourceInfo = null;
        string? sourceError = null;
        var vulnerabilities = new List<VulnerabilityData>();
        var candidates = parsed.Dependencies.Where(d => d.Resolved && (includeDev || !d.Dev)).ToArray();
        if (advisories?.Source is { } source && candidates.Length > 0)
        {
            try
            {
                var queries = candidates.Select(Query).Distinct().ToArray();
                var lookup = await source.LookupAsync(queries, cancellationToken).ConfigureAwait(false);
                sourceInfo = lookup.Source;
                vulnerabilities.AddRange(Match(candidates, lookup, parser.IsLockfile));
            }
            catch (AdvisorySourceException e)
            {
                sourceError = e.Message;
                findings.Add(new Finding(
                    DepsRules.AdvisoriesUnavailable,
                    Severity.High,
                    $"Advisories for {path} could not be checked: {e.Message} Its {candidates.Length} dependencies are inventoried but not audited; check the advisory source and run again.",
                    path,
                    1,
                    Properties: new Dictionary<string, string> { ["manager"] = manager }));
            }
        }

        findings.AddRange(vulnerabilities.Select(v => VulnerabilityFinding(v, manager)));
        findings.AddRange(LicenseFindings(LicensePolicy.From(context.Options.GetObject("licenses")), parsed));
        var result = new ManifestResult(manager, path, parser.Format, parser.IsLockfile, parsed.Dependencies, parsed.ProjectLicenses, vulnerabilities, sourceInfo, sourceError, error);
        return new ItemResult(item.Id, findings, JsonSerializer.Serialize(result, Json), Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var manifests = results
            .Where(r => r.DataJson is not null && r.Error is null)
            .Select(r => JsonSerializer.Deserialize<ManifestResult>(r.DataJson!, Json))
            .OfType<ManifestResult>()
            .GroupBy(m => m.File, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(m => m.File, StringComparer.Ordinal)
            .ToArray();
        var advisories = context.Services.GetService<AdvisoryService>();
        var report = DepsReport.Build(manifests, advisories);
        var findings = new List<Finding>();
        findings.AddRange(results.SelectMany(r => r.Findings).Where(f => f.RuleId != DepsRules.Vulnerable));
        findings.AddRange(report.Vulnerabilities.Select(v => VulnerabilityFinding(v, Ecosystems.Manager(v.Ecosystem))));
        return Task.FromResult(new ReportSection(findings, DepsRules.All, report.DataJson, report.Markdown, report.Notes));
    }

    internal static PackageQuery Query(Dependency d) => new(d.Ecosystem, d.Name, d.Version);

    internal static Finding VulnerabilityFinding(VulnerabilityData v, string manager)
    {
        var ids = v.Aliases.Count == 0 ? v.Id : $"{v.Id} ({string.Join(", ", v.Aliases)})";
        var kind = v.Direct switch
        {
            true => "direct",
            false => "transitive",
            _ => "declared",
        };
        var fix = v.FixedVersion is not null
            ? v.Direct == false
                ? $"Upgrade to {v.FixedVersion} or later (it is transitive: upgrade or override the dependency that pulls it in)."
                : $"Upgrade to {v.FixedVersion} or later."
            : "No fixed version is published: replace the package or mitigate.";
        var summary = string.IsNullOrWhiteSpace(v.Summary) ? string.Empty : $": {v.Summary.TrimEnd('.')}";
        var properties = new Dictionary<string, string>
        {
            ["advisory"] = v.Id,
            ["aliases"] = string.Join(",", v.Aliases),
            ["ecosystem"] = v.Ecosystem,
            ["package"] = v.Package,
            ["version"] = v.Version,
            ["manager"] = manager,
            ["direct"] = v.Direct?.ToString().ToLowerInvariant() ?? "unknown",
            ["dev"] = v.Dev ? "true" : "false",
        };
        if (v.FixedVersion is not null)
        {
            properties["fixedVersion"] = v.FixedVersion;
        }

        if (v.Score is { } score)
        {
            properties["security-severity"] = new SeverityScore(score, v.Vector, "cvss3").SecuritySeverity!;
        }

        if (v.Vector is not null)
        {
            properties["cvssVector"] = v.Vector;
        }

        return new Finding(
            DepsRules.Vulnerable,
            Enum.Parse<Severity>(v.Severity),
            $"{v.Package} {v.Version} ({v.Ecosystem}, {kind}{(v.Dev ? ", dev" : string.Empty)}) is affected by {ids}{summary}. {fix}",
            v.File,
            v.Line,
            Properties: properties);
    }

    private static IEnumerable<VulnerabilityData> Match(IEnumerable<Dependency> dependencies, AdvisoryLookup lookup, bool lockfile)
    {
        var seen = new HashSet<(string, string, string)>();
        foreach (var dependency in dependencies)
        {
            if (!lookup.Matches.TryGetValue(Query(dependency), out var records))
            {
                continue;
            }

            var scheme = VersionSchemes.For(dependency.Ecosystem);
            var key = OsvDirectoryIndex.Key(dependency.Ecosystem, dependency.Name);
            bool IsPackage(OsvAffected a) => OsvDirectoryIndex.Key(a.Ecosystem, a.Name) == key;
            foreach (var group in AliasGroups.Merge(records))
            {
                var (primary, aliases) = AliasGroups.Name(group);
                if (!seen.Add((primary, dependency.Name, dependency.Version)))
                {
                    continue;
                }

                var fix = group.SelectMany(r => r.Affected.Where(IsPackage))
                    .SelectMany(a => OsvMatcher.FixedAbove(a, dependency.Version, scheme))
                    .Distinct(StringComparer.Ordinal)
                    .Order(Comparer<string>.Create(scheme.Compare))
                    .FirstOrDefault();
                var severity = SeverityScore.Of(group, IsPackage);
                var summary = group.Select(r => r.Summary).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
                yield return new VulnerabilityData(
                    primary, aliases, summary, dependency.Ecosystem, dependency.Name, dependency.Version, fix, severity.Score, severity.Vector,
                    severity.Level.ToString(), dependency.File, dependency.Line, dependency.Direct, dependency.Dev, lockfile);
            }
        }
    }

    private static IEnumerable<Finding> LicenseFindings(LicensePolicy policy, ParsedManifest parsed)
    {
        if (!policy.IsActive)
        {
            yield break;
        }

        var declared = parsed.ProjectLicenses.Select(l => (Subject: l.Subject, l.Expression, l.File, l.Line))
            .Concat(parsed.Dependencies.Where(d => d.License is not null).Select(d => (Subject: $"{d.Name} {d.Version}", Expression: d.License!, d.File, d.Line)));
        foreach (var (subject, expression, file, line) in declared)
        {
            var verdict = policy.Judge(expression);
            if (verdict == LicenseVerdict.Allowed)
            {
                continue;
            }

            var denied = verdict == LicenseVerdict.Denied;
            yield return new Finding(
                denied ? DepsRules.LicenseDenied : DepsRules.LicenseNotAllowed,
                denied ? Severity.High : Severity.Medium,
                denied
                    ? $"{subject} declares license '{expression}', which needs a license on options.licenses.deny. Replace it or get an exception approved."
                    : $"{subject} declares license '{expression}', which options.licenses.allow does not cover. Review it and add it to the allow list or replace it.",
                file,
                line,
                Properties: new Dictionary<string, string> { ["license"] = expression, ["subject"] = subject });
        }
    }

    private static string ReadText(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (info.Length > MaxFileBytes)
        {
            throw new ManifestFormatException($"The file is {info.Length / (1024 * 1024)} MiB, above the {MaxFileBytes / (1024 * 1024)} MiB limit.", 1);
        }

        var bytes = File.ReadAllBytes(fullPath);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new ManifestFormatException("The file is binary (it contains NUL bytes).", 1);
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new ManifestFormatException("The file is not valid UTF-8.", 1);
        }
    }

    private static string? TryRead(Engine.Workspaces.Workspace workspace, string relative)
    {
        try
        {
            var full = workspace.FullPath(relative);
            return File.Exists(full) && new FileInfo(full).Length <= MaxFileBytes ? ReadText(full) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ManifestFormatException)
        {
            return null;
        }
    }

    private static (string Message, int Line) Describe(Exception e) => e switch
    {
        ManifestFormatException m => (m.Message, m.Line ?? 1),
        JsonException j => ($"invalid JSON ({FirstSentence(j.Message)})", (int)(j.LineNumber ?? 0) + 1),
        XmlException x => ($"invalid XML ({FirstSentence(x.Message)})", Math.Max(1, x.LineNumber)),
        YamlException y => ($"invalid YAML ({FirstSentence(y.Message)})", (int)Math.Max(1, y.Start.Line)),
        TomlException t => ($"invalid TOML ({FirstSentence(t.Message)})", Math.Max(1, t.Line ?? 1)),
        _ => ($"{e.GetType().Name}: {FirstSentence(e.Message)}", 1),
    };

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
