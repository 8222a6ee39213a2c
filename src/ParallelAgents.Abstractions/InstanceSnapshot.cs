using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>Progress of one agent instance (segment) of a job.</summary>
/// <param name="Index">Segment index, 0-based.</param>
/// <param name="Key">Partition key(s) the segment covers.</param>
/// <param name="State">Current state.</param>
/// <param name="ItemsDone">Items finished, successfully or not.</param>
/// <param name="ItemsTotal">Items assigned.</param>
/// <param name="Attempt">Dispatch attempt, 1-based; grows on retry and reassignment.</param>
/// <param name="Silo">Silo the current attempt runs on.</param>
/// <param name="BusyMs">Time spent running items.</param>
/// <param name="EtaSeconds">Estimated seconds left for this instance.</param>
/// <param name="Error">Last error, when any.</param>
[GenerateSerializer, Immutable, Alias("pa.InstanceSnapshot")]
public sealed record InstanceSnapshot(
    int Index,
    string Key,
    SegmentStatus State,
    int ItemsDone,
    int ItemsTotal,
    int Attempt,
    string? Silo,
    double BusyMs,
    double? EtaSeconds,
    string? Error)
{
    /// <summary>What this instance's model calls cost so far, for commands that call a model.</summary>
    [Id(0)]
    public ModelUsage? Usage { get; init; }
}
