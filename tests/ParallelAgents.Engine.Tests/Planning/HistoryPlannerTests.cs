using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Planning.History;

namespace ParallelAgents.Engine.Tests.Planning;

/// <summary>Costs and pool sizes from history: predictions, packing by learned costs, the pool size chosen.</summary>
public sealed class HistoryPlannerTests
{
    private static readonly PoolSettings Pool = new(8, 1, 0);

    [Fact]
    public void Kinds_group_items_by_key_extension_and_size_band()
    {
        Assert.Equal("security|.cs|5", ItemKind.Of(new WorkItem("a", "security", 1000, "src/A.cs")));
        Assert.Equal(ItemKind.Of(new WorkItem("a", "k", 1000, "x.CS")), ItemKind.Of(new WorkItem("b", "k", 1020, "y.cs")));
        Assert.NotEqual(ItemKind.Of(new WorkItem("a", "k", 1000, "x.cs")), ItemKind.Of(new WorkItem("b", "k", 100_000, "y.cs")));
        Assert.Equal("unit||0", ItemKind.Of(new WorkItem("a", "unit", 0, null)));
    }

    [Fact]
    public void A_kind_seen_before_is_predicted_from_its_weighted_mean_and_an_unseen_one_from_the_overall_rate()
    {
        var history = new DurationHistory();
        history.Record(Run([("slow", 10, 2000), ("fast", 10, 100)]));
        var model = new CostModel(history);
        Assert.Equal(2000, model.PredictMs(Item("slow", 10)));
        Assert.Equal(100, model.PredictMs(Item("fast", 10)));

        // 2100 ms over 20 units of assessed cost: 105 ms a unit.
        Assert.Equal(105 * 40, model.PredictMs(Item("new", 40))!.Value, 6);

        // A new observation moves the mean by the weight, not all the way.
        history.Record(Run([("slow", 10, 1000)]));
        Assert.Equal(2000 + (DurationHistory.Alpha * (1000 - 2000)), new CostModel(history).PredictMs(Item("slow", 10))!.Value, 6);
    }

    [Fact]
    public void Items_are_packed_by_learned_durations_not_by_their_assessed_size()
    {
        // Eight items of one size; two of them take twenty times as long. By size any packing is balanced; by
        // learned duration the two slow ones must go to different instances.
        var items = Enumerable.Range(0, 8).Select(i => new WorkItem($"i{i}", $"i{i}", 100, null)).ToArray();
        var history = new DurationHistory();
        history.Record(Run([.. items.Select(i => (i.Key, 100L, i.Id is "i0" or "i1" ? 2000.0 : 100.0))]));
        var plan = HistoryPlanner.Plan(items, Pool with { MaxInstances = 2 }, PartitionStrategy.Balanced, history, capacity: 2, choosePool: false);
        Assert.Equal(2, plan.Segments.Count);
        Assert.All(plan.Segments, s => Assert.Single(s.Items, i => i.Id is "i0" or "i1"));
        Assert.All(plan.Segments.SelectMany(s => s.Items), i => Assert.Equal(100, i.Cost));
        Assert.NotNull(plan.Pool);
        Assert.Equal(1.0, plan.Pool!.CostsFromHistory);
    }

    [Fact]
    public void The_pool_size_with_the_lowest_predicted_makespan_is_chosen_and_the_reason_names_it()
    {
        var items = Enumerable.Range(0, 8).Select(i => Item($"k{i}", 10)).ToArray();
        var history = new DurationHistory();
        history.Record(Run([.. items.Select(i => (i.Key, 10L, 1000.0))]));

        // Eight one-second items on a cluster of four: four instances (two seconds) beat one (eight) and eight
        // instances gain nothing over four.
        var plan = HistoryPlanner.Plan(items, Pool, PartitionStrategy.Balanced, history, capacity: 4, choosePool: true);
        Assert.Equal(4, plan.Segments.Count);
        Assert.Equal(2000, plan.Pool!.PredictedMakespanMs, 1);
        Assert.Contains("Pool of 4", plan.Pool.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_that_measured_slower_in_parallel_gets_fewer_instances()
    {
        var items = Enumerable.Range(0, 6).Select(i => Item($"k{i}", 10)).ToArray();
        var history = new DurationHistory();

        // Six 100 ms items ran on six instances and took 3.1 s: the 3 s beyond the items is overhead, 500 ms an instance.
        history.Record(new RunObservation([.. items.Select(i => new ItemObservation(ItemKind.Of(i), 10, 100))], 6, 3100, 100, 600, 6));
        Assert.Equal(500, history.OverheadMsPerInstance, 6);

        var plan = HistoryPlanner.Plan(items, Pool, PartitionStrategy.Balanced, history, capacity: 6, choosePool: true);
        Assert.Single(plan.Segments);
        Assert.Equal(600 + 500, plan.Pool!.PredictedMakespanMs, 1);
    }

    [Fact]
    public void Without_history_the_plan_is_the_item_count_formula()
    {
        var items = Enumerable.Range(0, 8).Select(i => Item($"k{i}", 10)).ToArray();
        var plan = HistoryPlanner.Plan(items, Pool with { MaxInstances = 3 }, PartitionStrategy.Balanced, new DurationHistory(), capacity: 4, choosePool: true);
        var formula = JobPlanner.Plan(items, Pool with { MaxInstances = 3 }, PartitionStrategy.Balanced);
        Assert.Equal(formula.Segments.Select(s => s.Items.Select(i => i.Id)), plan.Segments.Select(s => s.Items.Select(i => i.Id)));
        Assert.Null(plan.Pool);
    }

    [Fact]
    public void The_history_keeps_at_most_its_bound_of_kinds_dropping_the_least_recent()
    {
        var history = new DurationHistory();
        history.Record(Run([.. Enumerable.Range(0, DurationHistory.MaxKinds).Select(i => ($"old{i}", 1L, 1.0))]));
        history.Record(Run([("new", 1, 1)]));
        Assert.Equal(DurationHistory.MaxKinds, history.Kinds.Count);
        Assert.Contains(ItemKind.Of(Item("new", 1)), history.Kinds.Keys);
    }

    private static WorkItem Item(string key, long cost) => new(key, key, cost, null);

    private static RunObservation Run(IReadOnlyList<(string Key, long Cost, double Ms)> items) =>
        new([.. items.Select(i => new ItemObservation(ItemKind.Of(Item(i.Key, i.Cost)), i.Cost, i.Ms))], 0, 0, 0, 0, 1);
}
