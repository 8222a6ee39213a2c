using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Aggregation;

/// <summary>Deduplicates findings by fingerprint and orders them most severe first.</summary>
public static class FindingMerger
{
    // Below this many findings hashing takes well under a millisecond and stays on the calling thread.
    private const int ParallelFrom = 2048;

    // The thread pool explicitly: the merge runs inside a grain, whose scheduler runs one task at a time.
    private static readonly ParallelOptions Parallelism = new() { TaskScheduler = TaskScheduler.Default };

    /// <summary>The distinct findings and how many duplicates were dropped. When two share a fingerprint, the more severe wins.</summary>
    public static (IReadOnlyList<Finding> Findings, int DuplicatesRemoved) Merge(IEnumerable<Finding> findings)
    {
        var all = findings as IReadOnlyList<Finding> ?? findings.ToArray();
        var printed = new Finding[all.Count];
        if (all.Count >= ParallelFrom)
        {
            // Hashing dominates for large reports (a big tree's debt markers). Parallel.For, unlike a PLINQ consumer,
            // runs iterations on the calling thread too, so it completes even when the pool has no thread to spare:
            // a coordinator finishing among hundreds of others must not wait for the pool to grow.
            Parallel.For(0, all.Count, Parallelism, i => printed[i] = FindingFingerprint.Ensure(all[i]));
        }
        else
        {
            for (var i = 0; i < printed.Length; i++)
            {
                printed[i] = FindingFingerprint.Ensure(all[i]);
            }
        }

        var byPrint = new Dictionary<string, Finding>(printed.Length, StringComparer.Ordinal);
        var total = 0;
        foreach (var finding in printed)
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
