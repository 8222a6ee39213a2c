using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Aggregation;

/// <summary>Builds the canonical report from a command's section and the job's record.</summary>
public static class ReportBuilder
{
    /// <summary>Current report schema version.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>Deduplicates the section's findings and counts them by severity and by segment.</summary>
    /// <param name="snapshot">The job as it ended.</param>
    /// <param name="agentRole">The command's agent role.</param>
    /// <param name="section">The command's aggregated section.</param>
    /// <param name="segments">Per-instance records.</param>
    /// <param name="results">Every item result with the key of the segment that produced it.</param>
    /// <param name="notes">Engine notes (degraded mode...), placed before the command's notes.</param>
    public static JobReport Build(
        JobSnapshot snapshot,
        string agentRole,
        ReportSection section,
        IReadOnlyList<SegmentReport> segments,
        IReadOnlyList<(string SegmentKey, ItemResult Result)> results,
        IReadOnlyList<string> notes)
    {
        var (findings, duplicates) = FindingMerger.Merge(section.Findings);
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => findings.Count(f => f.Severity == s), StringComparer.Ordinal);
        var kept = findings.Select(f => f.Fingerprint!).ToHashSet(StringComparer.Ordinal);
        var severityNames = Enum.GetValues<Severity>().ToDictionary(s => s, s => s.ToString().ToLowerInvariant());
        var byPrint = findings.ToDictionary(f => f.Fingerprint!, StringComparer.Ordinal);
        var bySegment = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySegmentSeverity = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var resultsBySegment = results.ToLookup(r => r.SegmentKey, StringComparer.Ordinal);
        // Cross-item findings made during aggregation belong to no item result; attribute them to the segment whose
        // item is the file they are about (item ids are usually workspace-relative paths).
        var raised = results
            .SelectMany(r => r.Result.Findings.Select(f => (r.SegmentKey, Print: FindingFingerprint.Ensure(f).Fingerprint!)))
            .ToLookup(x => x.Print, x => x.SegmentKey, StringComparer.Ordinal);
        var segmentOfItem = results
            .GroupBy(r => r.Result.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().SegmentKey, StringComparer.Ordinal);
        var owners = findings.ToLookup(
            f => raised.Contains(f.Fingerprint!) ? raised[f.Fingerprint!].First()
                : f.File is { } file && segmentOfItem.TryGetValue(file, out var key) ? key
                : "",
            StringComparer.Ordinal);
        foreach (var key in segments.Select(s => s.Key).Distinct(StringComparer.Ordinal))
        {
            var mine = resultsBySegment[key]
                .SelectMany(r => r.Result.Findings)
                .Select(f => FindingFingerprint.Ensure(f).Fingerprint!)
                .Where(byPrint.ContainsKey)
                .Select(p => byPrint[p])
                .Concat(owners[key])
                .DistinctBy(f => f.Fingerprint, StringComparer.Ordinal)
                .ToArray();
            bySegment[key] = mine.Length;
            bySegmentSeverity[key] = severityNames.Values.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
            foreach (var f in mine)
            {
                var counts = (Dictionary<string, int>)bySegmentSeverity[key];
                counts[severityNames[f.Severity]]++;
            }
        }

        var errors = results
            .Where(r => r.Result.Error is not null)
            .Select(r => new ItemError(r.Result.ItemId, r.SegmentKey, r.Result.Error!))
            .OrderBy(e => e.ItemId, StringComparer.Ordinal)
            .ToArray();
        var summary = new ReportSummary(findings.Count, bySeverity, bySegment, snapshot.Progress.ItemsTotal, errors.Length, duplicates, bySegmentSeverity);
        return new JobReport(
            SchemaVersion,
            snapshot.Id,
            snapshot.Command,
            agentRole,
            snapshot.Status,
            snapshot.CreatedAt,
            snapshot.CompletedAt,
            summary,
            findings,
            section.Rules,
            segments,
            snapshot.Metrics,
            errors,
            notes.Concat(section.Notes ?? []).Distinct(StringComparer.Ordinal).ToArray(),
            section.DataJson,
            section.Markdown,
            snapshot.Degraded)
        {
            Usage = snapshot.Usage,
            Workspace = snapshot.Workspace,
        };
    }
}
