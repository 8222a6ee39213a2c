using System.Globalization;
using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>
/// The cross-file part of deps-audit: tells direct from transitive for lockfile entries using the manifests beside
/// them, merges the same vulnerability reported by a manifest and its lockfile, and writes the data, Markdown and notes.
/// </summary>
public sealed class DepsReport
{
    private DepsReport(IReadOnlyList<VulnerabilityData> vulnerabilities, string dataJson, string markdown, IReadOnlyList<string> notes)
    {
        Vulnerabilities = vulnerabilities;
        DataJson = dataJson;
        Markdown = markdown;
        Notes = notes;
    }

    /// <summary>Vulnerabilities after merging.</summary>
    public IReadOnlyList<VulnerabilityData> Vulnerabilities { get; }

    /// <summary>Command data for the JSON report.</summary>
    public string DataJson { get; }

    /// <summary>Markdown section.</summary>
    public string Markdown { get; }

    /// <summary>Statements for the report, the advisory source first.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Builds the report from every manifest's result.</summary>
    public static DepsReport Build(IReadOnlyList<ManifestResult> manifests, AdvisoryService? advisories)
    {
        var declared = DeclaredDirect(manifests);
        var dependencies = manifests
            .SelectMany(m => m.Dependencies.Select(d => Resolve(d, m, declared)))
            .DistinctBy(d => (d.Ecosystem, d.Name, d.Version, d.File, d.Line))
            .ToArray();
        var byLocation = dependencies.ToLookup(d => (d.File, d.Line, d.Name));
        var vulnerabilities = manifests
            .SelectMany(m => m.Vulnerabilities)
            .Select(v => byLocation[(v.File, v.Line, v.Package)].FirstOrDefault() is { } d ? v with { Direct = d.Direct, Dev = d.Dev } : v)
            .GroupBy(v => (v.Id, v.Ecosystem, Name: Ecosystems.NormalizeName(v.Ecosystem, v.Package), v.Version, Dir: Directory(v.File)))
            .Select(g => g.OrderBy(v => v.Direct == true ? 0 : 1).ThenBy(v => v.Lockfile ? 1 : 0).ThenBy(v => v.File, StringComparer.Ordinal).ThenBy(v => v.Line).First())
            .OrderByDescending(v => v.Score ?? -1).ThenBy(v => v.File, StringComparer.Ordinal).ThenBy(v => v.Line)
            .ToArray();

        var source = Source(manifests, advisories);
        var notes = new List<string> { source.Statement };
        var unreadable = manifests.Where(m => m.Error is not null).ToArray();
        if (unreadable.Length > 0)
        {
            notes.Add($"{unreadable.Length} manifest(s) could not be read and were not audited: {string.Join(", ", unreadable.Select(m => m.File))}.");
        }

        var failed = manifests.Where(m => m.SourceError is not null).ToArray();
        if (failed.Length > 0)
        {
            notes.Add($"Advisories could not be checked for {failed.Length} manifest(s): {failed[0].SourceError}");
        }

        var managers = PackageManagers.All
            .Select(manager =>
            {
                var files = manifests.Where(m => m.Manager == manager).ToArray();
                var deps = dependencies.Where(d => Ecosystems.Manager(d.Ecosystem) == manager).ToArray();
                var unique = deps.DistinctBy(d => (Ecosystems.NormalizeName(d.Ecosystem, d.Name), d.Version)).ToArray();
                var vulns = vulnerabilities.Where(v => Ecosystems.Manager(v.Ecosystem) == manager).ToArray();
                return new ManagerSummary(
                    manager,
                    PackageManagers.Ecosystem(manager),
                    files.Length,
                    files.Count(f => f.Error is not null),
                    unique.Length,
                    unique.Count(d => d.Direct == true),
                    unique.Count(d => d.Direct == false),
                    unique.Count(d => d.Dev),
                    vulns.Select(v => (v.Package, v.Version)).Distinct().Count(),
                    vulns.Length,
                    Enum.GetValues<Severity>().Reverse().ToDictionary(s => s.ToString(), s => vulns.Count(v => v.Severity == s.ToString())));
            })
            .Where(m => m.Manifests > 0)
            .ToArray();

        var upgrades = Upgrades(vulnerabilities);
        var licenses = manifests.SelectMany(m => m.Licenses.Select(l => new { kind = "project", subject = l.Subject, expression = l.Expression, file = l.File, line = l.Line }))
            .Concat(dependencies.Where(d => d.License is not null).Select(d => new { kind = "dependency", subject = $"{d.Name} {d.Version}", expression = d.License!, file = d.File, line = d.Line }))
            .ToArray();
        var data = new
        {
            advisorySource = new { kind = source.Info.Kind, location = source.Info.Location, databaseDate = source.Info.DatabaseDate, records = source.Info.Records, skipped = source.Info.Skipped },
            managers,
            manifests = manifests.Select(m => new { m.File, m.Manager, m.Format, m.Lockfile, dependencies = m.Dependencies.Count, m.Error, m.SourceError }),
            dependencies,
            vulnerabilities,
            upgrades,
            licenses,
        };
        var markdown = Render(source.Statement, managers, vulnerabilities, upgrades, unreadable);
        return new DepsReport(vulnerabilities, JsonSerializer.Serialize(data, DepsAuditCommand.Json), markdown, notes);
    }

    private static Dictionary<(string Dir, string Ecosystem, string Name), bool> DeclaredDirect(IReadOnlyList<ManifestResult> manifests)
    {
        var result = new Dictionary<(string, string, string), bool>();
        foreach (var m in manifests.Where(m => !m.Lockfile))
        {
            foreach (var d in m.Dependencies.Where(d => d.Direct == true))
            {
                var key = (Directory(m.File), d.Ecosystem, Ecosystems.NormalizeName(d.Ecosystem, d.Name));
                result[key] = result.TryGetValue(key, out var dev) ? dev && d.Dev : d.Dev;
            }
        }

        return result;
    }

    private static Dependency Resolve(Dependency d, ManifestResult m, Dictionary<(string, string, string), bool> declared)
    {
        if (d.Direct is not null || !m.Lockfile)
        {
            return d;
        }

        var key = (Directory(m.File), d.Ecosystem, Ecosystems.NormalizeName(d.Ecosystem, d.Name));
        if (declared.TryGetValue(key, out var dev))
        {
            return d with { Direct = true, Dev = d.Dev || dev };
        }

        // With a manifest beside the lockfile, anything it does not declare is transitive.
        var hasManifest = declared.Keys.Any(k => k.Item1 == key.Item1 && k.Item2 == d.Ecosystem);
        return hasManifest ? d with { Direct = false } : d;
    }

    private static IReadOnlyList<UpgradeSuggestion> Upgrades(IEnumerable<VulnerabilityData> vulnerabilities) =>
        vulnerabilities
            .GroupBy(v => (v.Ecosystem, v.Package, v.Version))
            .Select(g =>
            {
                var scheme = Versions.VersionSchemes.For(g.Key.Ecosystem);
                var fixes = g.Where(v => v.FixedVersion is not null).Select(v => v.FixedVersion!).ToArray();
                var target = fixes.Length == 0 ? null : fixes.Aggregate((a, b) => scheme.Compare(a, b) >= 0 ? a : b);
                return new UpgradeSuggestion(
                    g.Key.Ecosystem,
                    g.Key.Package,
                    g.Key.Version,
                    target,
                    g.Select(v => v.Id).Distinct().Order(StringComparer.Ordinal).ToArray(),
                    g.Count(v => v.FixedVersion is null),
                    g.Max(v => v.Score),
                    g.Select(v => $"{v.File}:{v.Line}").Distinct().ToArray());
            })
            .OrderByDescending(u => u.HighestScore ?? -1).ThenBy(u => u.Package, StringComparer.Ordinal)
            .ToArray();

    private static (AdvisorySourceInfo Info, string Statement) Source(IReadOnlyList<ManifestResult> manifests, AdvisoryService? advisories)
    {
        if (advisories?.Source is null)
        {
            return (AdvisorySourceInfo.None, "No advisory source was configured (set Advisories:OsvDirectory or Advisories:OsvApiUrl): dependencies were inventoried but not checked for vulnerabilities.");
        }

        var infos = manifests.Select(m => m.Source).OfType<AdvisorySourceInfo>().ToArray();
        if (infos.Length == 0)
        {
            var reason = manifests.Select(m => m.SourceError).FirstOrDefault(e => e is not null);
            return (new AdvisorySourceInfo(advisories.Source is DirectoryAdvisorySource ? "directory" : "api", advisories.Description, null, 0),
                reason is null
                    ? $"Advisory source: {advisories.Description}; no resolved dependency versions needed a lookup."
                    : $"Advisory source: {advisories.Description}; it could not be used: {reason}");
        }

        var newest = infos.Select(i => i.DatabaseDate).Where(d => d is not null).DefaultIfEmpty(null).Max();
        var info = infos[0] with { DatabaseDate = newest, Records = infos.Max(i => i.Records) };
        var date = newest is { } d ? d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "unknown";
        var counted = info.Kind == "directory"
            ? $"{info.Records.ToString("N0", CultureInfo.InvariantCulture)} records indexed{(info.Skipped > 0 ? $", {info.Skipped} unreadable skipped" : string.Empty)}"
            : $"{info.Records.ToString("N0", CultureInfo.InvariantCulture)} records fetched";
        return (info, $"Advisory source: {advisories.Description} ({counted}); database date (newest record modified): {date}.");
    }

    private static string Render(string sourceStatement, IReadOnlyList<ManagerSummary> managers, IReadOnlyList<VulnerabilityData> vulnerabilities, IReadOnlyList<UpgradeSuggestion> upgrades, IReadOnlyList<ManifestResult> unreadable)
    {
        var md = new StringBuilder();
        md.AppendLine("## Dependency audit").AppendLine();
        md.AppendLine(sourceStatement).AppendLine();
        if (managers.Count == 0)
        {
            md.AppendLine("No manifests or lockfiles were found.");
            return md.ToString();
        }

        md.AppendLine("| Manager | Manifests | Packages | Direct | Transitive | Dev | Vulnerable packages | Critical | High | Medium | Low |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in managers)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Manager} | {m.Manifests}{(m.Unreadable > 0 ? $" ({m.Unreadable} unreadable)" : string.Empty)} | {m.Packages} | {m.Direct} | {m.Transitive} | {m.Dev} | {m.VulnerablePackages} | {m.BySeverity["Critical"]} | {m.BySeverity["High"]} | {m.BySeverity["Medium"]} | {m.BySeverity["Low"]} |");
        }

        md.AppendLine();
        if (vulnerabilities.Count > 0)
        {
            md.AppendLine("### Vulnerabilities by manager and severity").AppendLine();
            foreach (var group in vulnerabilities.GroupBy(v => Ecosystems.Manager(v.Ecosystem)).OrderBy(g => PackageManagers.All.ToList().IndexOf(g.Key)))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"#### {group.Key}").AppendLine();
                md.AppendLine("| Severity | Score | Package | Version | Advisory | Fixed in | Declared at |");
                md.AppendLine("|---|---:|---|---|---|---|---|");
                foreach (var v in group.OrderByDescending(v => Enum.Parse<Severity>(v.Severity)).ThenByDescending(v => v.Score ?? -1).ThenBy(v => v.Package, StringComparer.Ordinal))
                {
                    var score = v.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {v.Severity} | {score} | {Cell(v.Package)} | {Cell(v.Version)} | {Cell(v.Id)} | {Cell(v.FixedVersion ?? "none")} | {Cell(v.File)}:{v.Line} |");
                }

                md.AppendLine();
            }

            md.AppendLine("### Upgrade suggestions").AppendLine();
            foreach (var u in upgrades)
            {
                var target = u.UpgradeTo is null ? "no fixed version published" : $"upgrade to **{Cell(u.UpgradeTo)}**";
                var unfixed = u.Unfixed > 0 ? $"; {u.Unfixed} advisory(ies) have no fix" : string.Empty;
                md.AppendLine(CultureInfo.InvariantCulture, $"- {u.Ecosystem} `{u.Package}` {u.Version}: {target} (fixes {string.Join(", ", u.Advisories)}{unfixed})");
            }

            md.AppendLine();
        }
        else
        {
            md.AppendLine("No known vulnerabilities were found in resolved dependency versions.").AppendLine();
        }

        if (unreadable.Count > 0)
        {
            md.AppendLine("### Unreadable manifests").AppendLine();
            foreach (var m in unreadable)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{m.File}`: {m.Error}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Directory(string file) => file.Contains('/') ? file[..file.LastIndexOf('/')] : string.Empty;
}
