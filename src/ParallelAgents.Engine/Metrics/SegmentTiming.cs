using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Metrics;

/// <summary>What the metrics need to know about one segment.</summary>
/// <param name="Index">Segment index.</param>
/// <param name="Key">Segment key.</param>
/// <param name="State">Current state.</param>
/// <param name="ItemsDone">Items finished.</param>
/// <param name="ItemsTotal">Items assigned.</param>
/// <param name="BusyMs">Time spent running items.</param>
/// <param name="FirstStartedAt">When the first attempt started work, if it has.</param>
/// <param name="Cost">Planned cost.</param>
public sealed record SegmentTiming(
    int Index,
    string Key,
    SegmentStatus State,
    int ItemsDone,
    int ItemsTotal,
    double BusyMs,
    DateTimeOffset? FirstStartedAt,
    long Cost);
