using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Aggregation;

/// <summary>Deduplicates findings by fingerprint and orders them most severe first.</summary>
public static class FindingMerger
{
    /// <summary>The distinct findings and how many duplicates were dropped. When two share a fingerprint, the more severe wins.</summary>
    public static (IReadOnlyList<Finding> Findings, int DuplicatesRemoved) Merge(IEnumerable<Finding> findings)
    {
        var byPrint = new Dictionary<string, Finding>(StringComparer.Ordinal);
        var total = 0;

        // Hashing dominates for large reports (a big tree's debt markers); it runs in parallel, the merge in order.
        foreach (var finding in findings.AsParallel().AsOrdered().Select(FindingFingerprint.Ensure))
        {
            total++;
            if (!byPrint.TryGetValue(finding.Fingerprint!, out var existing) || finding.Severity > existing.Severity)
            {
                byPrint[finding.Fingerprint!] = finding;
            }
        }

        var ordered = byPrint.Values
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line ?? 0)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
            .ToArray();
        return (ordered, total - ordered.Length);
    }
}
