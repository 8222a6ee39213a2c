using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Metrics;

/// <summary>Speedup, utilization, spawn time and distribution efficiency of a job's pool.</summary>
public static class MetricsCalculator
{
    /// <summary>Computes the metrics as of <paramref name="end"/> (the completion time, or now for a running job).</summary>
    public static JobMetrics Compute(
        IReadOnlyList<SegmentTiming> segments,
        DateTimeOffset? dispatchedAt,
        DateTimeOffset end,
        double aggregationMs)
    {
        if (segments.Count == 0 || dispatchedAt is null)
        {
            return JobMetrics.Empty with { AggregationMs = aggregationMs };
        }

        var wallMs = Math.Max(0, (end - dispatchedAt.Value).TotalMilliseconds);
        var busyMs = segments.Sum(s => s.BusyMs);
        var speedup = wallMs > 0 ? busyMs / wallMs : 0;
        var utilization = wallMs > 0 ? busyMs / (segments.Count * wallMs) : 0;
        var maxCost = segments.Max(s => (double)Math.Max(1, s.Cost));
        var efficiency = segments.Average(s => (double)Math.Max(1, s.Cost)) / maxCost;
        var started = segments.Where(s => s.FirstStartedAt is not null).Select(s => s.FirstStartedAt!.Value).ToArray();
        var spawnMs = started.Length == 0 ? 0 : Math.Max(0, (started.Max() - dispatchedAt.Value).TotalMilliseconds);
        return new JobMetrics(
            Math.Round(wallMs, 3),
            Math.Round(busyMs, 3),
            Math.Round(speedup, 3),
            Math.Round(efficiency, 3),
            Math.Round(Math.Min(1, utilization), 3),
            Math.Round(spawnMs, 3),
            Math.Round(aggregationMs, 3),
            segments.Count);
    }
}
