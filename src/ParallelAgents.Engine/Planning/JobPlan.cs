using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Planning;

/// <summary>A job's plan: the pool size and the segments.</summary>
/// <param name="Instances">Instances the pool formula allows.</param>
/// <param name="Strategy">Strategy used.</param>
/// <param name="Segments">Segments; never more than <paramref name="Instances"/>.</param>
public sealed record JobPlan(int Instances, PartitionStrategy Strategy, IReadOnlyList<SegmentPlan> Segments)
{
    /// <summary>Why the pool has its size, when it was chosen from history; null for the item-count formula.</summary>
    public PoolChoice? Pool { get; init; }

    /// <summary>Mean segment cost over the largest: 1 when perfectly balanced.</summary>
    public double DistributionEfficiency =>
        Segments.Count == 0 ? 1 : Segments.Average(s => (double)s.Cost) / Segments.Max(s => (double)s.Cost);
}
