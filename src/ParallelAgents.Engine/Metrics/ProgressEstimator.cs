using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Metrics;

/// <summary>Overall percent, ETA from observed rates, and the bottleneck instance.</summary>
public static class ProgressEstimator
{
    /// <summary>
    /// Estimated seconds left per segment: remaining items × the segment's observed time per item, or the job-wide
    /// average when the segment has not finished an item yet. Null when no rate is known anywhere.
    /// </summary>
    public static IReadOnlyDictionary<int, double?> SegmentEtas(IReadOnlyList<SegmentTiming> segments)
    {
        var done = segments.Sum(s => s.ItemsDone);
        double? average = done > 0 ? segments.Sum(s => s.BusyMs) / done : null;
        var result = new Dictionary<int, double?>();
        foreach (var s in segments)
        {
            var remaining = Math.Max(0, s.ItemsTotal - s.ItemsDone);
            if (remaining == 0 || s.State is SegmentStatus.Completed or SegmentStatus.Failed or SegmentStatus.Cancelled)
            {
                result[s.Index] = 0;
                continue;
            }

            double? perItem = s.ItemsDone > 0 ? s.BusyMs / s.ItemsDone : average;
            result[s.Index] = perItem is { } ms ? remaining * ms / 1000.0 : null;
        }

        return result;
    }

    /// <summary>The job's progress: percent of items done, ETA = the slowest instance's ETA, bottleneck = that instance.</summary>
    /// <param name="segments">The segments' timings.</param>
    /// <param name="terminal">The job has ended.</param>
    /// <param name="etas">The segments' ETAs when the caller has them already (<see cref="SegmentEtas"/>).</param>
    public static ProgressSummary Summarize(IReadOnlyList<SegmentTiming> segments, bool terminal, IReadOnlyDictionary<int, double?>? etas = null)
    {
        var total = segments.Sum(s => s.ItemsTotal);
        var done = segments.Sum(s => Math.Min(s.ItemsDone, s.ItemsTotal));
        var percent = total == 0 ? (terminal ? 100 : 0) : Math.Round(100.0 * done / total, 2);
        if (terminal)
        {
            return new ProgressSummary(percent, done, total, 0, null, null);
        }

        etas ??= SegmentEtas(segments);
        var open = segments.Where(s => etas[s.Index] is > 0).ToArray();
        if (open.Length == 0)
        {
            var unknown = segments.Any(s => etas[s.Index] is null);
            return new ProgressSummary(percent, done, total, unknown ? null : 0, null, null);
        }

        var bottleneck = open.OrderByDescending(s => etas[s.Index]!.Value).ThenBy(s => s.Index).First();
        var anyUnknown = segments.Any(s => etas[s.Index] is null);
        return new ProgressSummary(percent, done, total, anyUnknown ? null : Math.Round(etas[bottleneck.Index]!.Value, 2), bottleneck.Key, bottleneck.Index);
    }
}
