using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Grains.Segments;

/// <summary>A segment's persisted ledger: the highest attempt seen and one result per finished item.</summary>
[GenerateSerializer, Alias("pa.SegmentLedger")]
public sealed class SegmentLedger
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(1)] public int Index { get; set; }
    [Id(2)] public int Attempt { get; set; }
    [Id(3)] public Dictionary<string, ItemResult> Results { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public double BusyMs { get; set; }

    /// <summary>Items whose result carries an error.</summary>
    public int ItemErrors => Results.Values.Count(r => r.Error is not null);

    /// <summary>What the results' model calls cost; null when none called a model.</summary>
    public ModelUsage? Usage => Sum(Results.Values);

    /// <summary>The model usage of <paramref name="results"/>; null when none called a model.</summary>
    public static ModelUsage? Sum(IEnumerable<ItemResult> results) =>
        ModelUsage.Sum(results.Select(r => r.Usage));
}
