namespace ParallelAgents.Engine.Planning.History;

/// <summary>What one finished job teaches its command's history.</summary>
/// <param name="Items">Each item that ran: its kind, assessed cost and observed duration.</param>
/// <param name="Instances">Segments the job ran.</param>
/// <param name="MakespanMs">From the first dispatch to the end of the last segment.</param>
/// <param name="LongestSegmentMs">The busiest segment's time running items.</param>
/// <param name="TotalMs">Every item's time, summed.</param>
/// <param name="Capacity">Segments the cluster could run at once when the job ran.</param>
[GenerateSerializer, Immutable, Alias("pa.RunObservation")]
public sealed record RunObservation(
    IReadOnlyList<ItemObservation> Items, int Instances, double MakespanMs, double LongestSegmentMs, double TotalMs, int Capacity);

/// <summary>One item's observed duration.</summary>
/// <param name="Kind">Its <see cref="ItemKind"/>.</param>
/// <param name="Cost">Its assessed cost.</param>
/// <param name="DurationMs">How long it ran.</param>
[GenerateSerializer, Immutable, Alias("pa.ItemObservation")]
public sealed record ItemObservation(string Kind, long Cost, double DurationMs);
