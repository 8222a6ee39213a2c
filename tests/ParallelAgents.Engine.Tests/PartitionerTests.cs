using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Engine.Tests;

public sealed class PartitionerTests
{
    private static WorkItem Item(string id, string key, long cost) => new(id, key, cost, null);

    [Fact]
    public void Keyed_gives_one_segment_per_key_when_keys_fit()
    {
        var items = new[] { Item("a1", "a", 1), Item("b1", "b", 1), Item("a2", "a", 1), Item("c1", "c", 5) };
        var segments = Partitioner.Keyed(items, 8);
        Assert.Equal(["a", "b", "c"], segments.Select(s => s.Key));
        Assert.Equal(["a1", "a2"], segments[0].Items.Select(i => i.Id));
    }

    [Fact]
    public void Keyed_packs_keys_by_cost_when_they_outnumber_instances()
    {
        var costs = new Dictionary<string, long> { ["a"] = 10, ["b"] = 9, ["c"] = 6, ["d"] = 5, ["e"] = 4, ["f"] = 2 };
        var items = costs.Select(kv => Item(kv.Key, kv.Key, kv.Value)).ToArray();
        var segments = Partitioner.Keyed(items, 3);
        Assert.Equal(3, segments.Count);
        Assert.Equal(6, segments.SelectMany(s => s.Items).Count());
        var loads = segments.Select(s => s.Cost).ToArray();
        Assert.True(loads.Max() - loads.Min() <= 2, string.Join(",", loads));
        Assert.All(segments, s => Assert.Contains('+', s.Key));
    }

    [Fact]
    public void Balanced_puts_one_huge_item_alone()
    {
        var items = new[] { Item("big", "x", 100) }.Concat(Enumerable.Range(0, 20).Select(i => Item($"s{i}", "x", 5))).ToArray();
        var segments = Partitioner.Balanced(items, 2);
        var big = Assert.Single(segments, s => s.Items.Any(i => i.Id == "big"));
        Assert.Single(big.Items);
        Assert.Equal(100, segments.Max(s => s.Cost));
    }

    [Fact]
    public void Balanced_spreads_equal_items_evenly_and_keeps_every_item_once()
    {
        var items = Enumerable.Range(0, 40).Select(i => Item($"i{i}", "x", 1)).ToArray();
        var segments = Partitioner.Balanced(items, 8);
        Assert.Equal(8, segments.Count);
        Assert.All(segments, s => Assert.Equal(5, s.Items.Count));
        Assert.Equal(40, segments.SelectMany(s => s.Items).Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Planner_uses_one_instance_below_the_threshold_and_never_more_segments_than_instances()
    {
        var four = Enumerable.Range(0, 4).Select(i => Item($"i{i}", $"k{i}", 1)).ToArray();
        var plan = JobPlanner.Plan(four, new PoolSettings(8, 1, 5), PartitionStrategy.Keyed);
        Assert.Single(plan.Segments);
        var many = Enumerable.Range(0, 100).Select(i => Item($"i{i}", $"k{i % 10}", 1)).ToArray();
        var keyed = JobPlanner.Plan(many, new PoolSettings(4, 1, 5), PartitionStrategy.Keyed);
        Assert.Equal(4, keyed.Segments.Count);
        Assert.Empty(JobPlanner.Plan([], new PoolSettings(4, 1, 5), PartitionStrategy.Keyed).Segments);
    }

    [Fact]
    public void Planner_rejects_duplicate_item_ids() =>
        Assert.Throws<InvalidOperationException>(() => JobPlanner.Plan([Item("a", "k", 1), Item("a", "k", 1)], new PoolSettings(2, 1, 0), PartitionStrategy.Balanced));
}
