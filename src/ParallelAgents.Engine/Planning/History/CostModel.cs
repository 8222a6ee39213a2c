using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Planning.History;

/// <summary>
/// Item costs from a command's history: the learned mean of the item's kind, or, for a kind never seen, its assessed
/// cost at the history's overall rate (milliseconds per unit of assessed cost).
/// </summary>
public sealed class CostModel
{
    private readonly DurationHistory _history;

    /// <summary>A model over <paramref name="history"/>.</summary>
    public CostModel(DurationHistory history)
    {
        _history = history;
        var kinds = history.Kinds.Values.Where(k => k.Count > 0).ToList();
        var cost = kinds.Sum(k => k.MeanCost * k.Count);
        MsPerCost = kinds.Count == 0 || cost <= 0 ? null : kinds.Sum(k => k.MeanMs * k.Count) / cost;
    }

    /// <summary>Milliseconds per unit of assessed cost over everything observed; null with no history.</summary>
    public double? MsPerCost { get; }

    /// <summary>True when the item's kind was observed.</summary>
    public bool Knows(WorkItem item) => _history.Kinds.ContainsKey(ItemKind.Of(item));

    /// <summary>The item's predicted duration in milliseconds; null with no history at all.</summary>
    public double? PredictMs(WorkItem item) =>
        _history.Kinds.TryGetValue(ItemKind.Of(item), out var stats) ? stats.MeanMs : MsPerCost * Math.Max(1, item.Cost);
}
