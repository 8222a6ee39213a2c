using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Planning;

/// <summary>Turns assessed work items into a plan: pool size, then partitioning.</summary>
public static class JobPlanner
{
    /// <summary>Plans a job.</summary>
    public static JobPlan Plan(IReadOnlyList<WorkItem> items, PoolSettings settings, PartitionStrategy strategy)
    {
        var duplicate = items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Work item id '{duplicate.Key}' is not unique.");
        }

        var instances = PoolSizing.Instances(items.Count, settings);
        var segments = instances switch
        {
            0 => [],
            1 => [new SegmentPlan(0, SingleKey(items), items)],
            _ => strategy == PartitionStrategy.Keyed ? Partitioner.Keyed(items, instances) : Partitioner.Balanced(items, instances),
        };
        return new JobPlan(instances, strategy, segments);
    }

    private static string SingleKey(IReadOnlyList<WorkItem> items)
    {
        var keys = items.Select(i => i.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return keys.Length <= 3 ? string.Join('+', keys) : "all";
    }
}
