namespace ParallelAgents.Abstractions;

/// <summary>How well a job used its pool.</summary>
/// <param name="WallMs">From the first dispatch to the last segment's completion.</param>
/// <param name="BusyMs">Sum of every segment's busy time.</param>
/// <param name="Speedup">BusyMs / WallMs: how much faster than running the same work sequentially.</param>
/// <param name="DistributionEfficiency">Mean segment cost / largest segment cost (1 = perfectly balanced plan).</param>
/// <param name="Utilization">BusyMs / (instances × WallMs).</param>
/// <param name="SpawnMs">Time from dispatch until the last instance started work.</param>
/// <param name="AggregationMs">Time spent merging results into the report.</param>
/// <param name="Instances">Instances used.</param>
[GenerateSerializer, Immutable, Alias("pa.JobMetrics")]
public sealed record JobMetrics(
    double WallMs,
    double BusyMs,
    double Speedup,
    double DistributionEfficiency,
    double Utilization,
    double SpawnMs,
    double AggregationMs,
    int Instances)
{
    /// <summary>Nothing measured yet.</summary>
    public static JobMetrics Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
