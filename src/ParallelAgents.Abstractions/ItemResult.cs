using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>Outcome of one work item, checkpointed by its segment before it is reported.</summary>
/// <param name="ItemId">The work item's id.</param>
/// <param name="Findings">Findings produced by the item.</param>
/// <param name="DataJson">Command-specific result data (JSON), merged during aggregation.</param>
/// <param name="DurationMs">How long the item ran.</param>
/// <param name="Error">Set when the item could not be processed; the job then ends with errors.</param>
[GenerateSerializer, Immutable, Alias("pa.ItemResult")]
public sealed record ItemResult(string ItemId, IReadOnlyList<Finding> Findings, string? DataJson, double DurationMs, string? Error)
{
    /// <summary>Attempt of the segment that produced this result.</summary>
    [Id(0)]
    public int Attempt { get; init; }

    /// <summary>Silo that produced this result.</summary>
    [Id(1)]
    public string? Silo { get; init; }

    /// <summary>What the item's model calls cost, for commands that call a model.</summary>
    [Id(2)]
    public ModelUsage? Usage { get; init; }

    /// <summary>The item was never started (the job's budget was reached); <see cref="Error"/> says why.</summary>
    [Id(3)]
    public bool NotRun { get; init; }
}
