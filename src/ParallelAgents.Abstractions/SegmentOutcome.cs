using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>How a segment attempt ended.</summary>
/// <param name="Index">Segment index.</param>
/// <param name="Attempt">The attempt that produced this outcome.</param>
/// <param name="Status">Completed, Failed or Cancelled.</param>
/// <param name="ItemsDone">Items with a checkpointed result.</param>
/// <param name="ItemErrors">Items whose result carries an error.</param>
/// <param name="BusyMs">Time spent running items in all attempts.</param>
/// <param name="Silo">Silo that ran the attempt.</param>
/// <param name="Error">Why the attempt failed, if it did.</param>
/// <param name="Resumed">Items skipped because an earlier attempt had finished them.</param>
[GenerateSerializer, Immutable, Alias("pa.SegmentOutcome")]
public sealed record SegmentOutcome(
    int Index,
    int Attempt,
    SegmentStatus Status,
    int ItemsDone,
    int ItemErrors,
    double BusyMs,
    string? Silo,
    string? Error,
    int Resumed)
{
    /// <summary>Model usage of every result in the ledger, for commands that call a model.</summary>
    [Id(0)]
    public ModelUsage? Usage { get; init; }
}
