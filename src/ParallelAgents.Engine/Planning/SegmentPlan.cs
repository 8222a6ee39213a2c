using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Planning;

/// <summary>One planned segment: the items one instance will run.</summary>
/// <param name="Index">0-based index.</param>
/// <param name="Key">The partition keys it covers, joined with '+', or a shard name.</param>
/// <param name="Items">Its items, in execution order.</param>
public sealed record SegmentPlan(int Index, string Key, IReadOnlyList<WorkItem> Items)
{
    /// <summary>Sum of the items' costs.</summary>
    public long Cost { get; } = Items.Sum(i => Math.Max(1, i.Cost));
}
