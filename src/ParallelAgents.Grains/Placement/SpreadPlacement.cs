using Orleans.Runtime;

namespace ParallelAgents.Grains.Placement;

/// <summary>Places the segments of one job round-robin over the compatible silos, starting at a job-dependent silo.</summary>
[GenerateSerializer, Immutable, Alias("pa.SpreadPlacement")]
public sealed class SpreadPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static SpreadPlacement Instance { get; } = new();
}
