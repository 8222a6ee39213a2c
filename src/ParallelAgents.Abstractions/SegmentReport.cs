using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>One instance's record in the report: what it ran, where, and how often it was retried or moved.</summary>
[GenerateSerializer, Immutable, Alias("pa.SegmentReport")]
public sealed record SegmentReport(
    int Index,
    string Key,
    SegmentStatus Status,
    int Items,
    int ItemErrors,
    int Attempts,
    IReadOnlyList<string> Silos,
    int Reassignments,
    double BusyMs,
    IReadOnlyList<string> Failures)
{
    /// <summary>What this instance's model calls cost, for commands that call a model.</summary>
    [Id(0)]
    public ModelUsage? Usage { get; init; }
}
