using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Metrics;

/// <summary>
/// Which of a job's pool figures mean something. A job with no instances, or that has not run, has metrics of zero
/// that are not measurements: every view shows "–" for them instead of "0×" or "0 %".
/// </summary>
public static class MetricFigures
{
    /// <summary>Busy time / wall time, when the job ran on at least one instance for a measurable time.</summary>
    public static double? Speedup(JobMetrics m) => Pooled(m) ? m.Speedup : null;

    /// <summary>Busy time / (instances × wall time), when the job ran on at least one instance for a measurable time.</summary>
    public static double? Utilization(JobMetrics m) => Pooled(m) ? m.Utilization : null;

    /// <summary>Mean segment cost / largest segment cost, when the job had instances.</summary>
    public static double? DistributionEfficiency(JobMetrics m) => m.Instances > 0 ? m.DistributionEfficiency : null;

    /// <summary>Dispatch until the last instance started, when the job had instances.</summary>
    public static double? SpawnMs(JobMetrics m) => m.Instances > 0 ? m.SpawnMs : null;

    /// <summary>Sum of the instances' busy time, when the job had instances.</summary>
    public static double? BusyMs(JobMetrics m) => m.Instances > 0 ? m.BusyMs : null;

    /// <summary>First dispatch to last completion, once measured.</summary>
    public static double? WallMs(JobMetrics m) => m.WallMs > 0 ? m.WallMs : null;

    /// <summary>Time spent merging results into the report, once measured.</summary>
    public static double? AggregationMs(JobMetrics m) => m.AggregationMs > 0 ? m.AggregationMs : null;

    /// <summary>Speedup of a listed job (the list carries no wall time): only with instances and a positive figure.</summary>
    public static double? Speedup(int instances, double speedup) => instances > 0 && speedup > 0 ? speedup : null;

    private static bool Pooled(JobMetrics m) => m.Instances > 0 && m.WallMs > 0;
}
