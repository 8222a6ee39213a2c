using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Planning;

/// <summary>Splits work items into segments.</summary>
public static class Partitioner
{
    /// <summary>
    /// One segment per partition key. When keys outnumber <paramref name="instances"/>, whole keys are packed
    /// longest-first into the least-loaded segment, so that segment costs stay balanced.
    /// </summary>
    public static IReadOnlyList<SegmentPlan> Keyed(IReadOnlyList<WorkItem> items, int instances)
    {
        if (items.Count == 0 || instances < 1)
        {
            return [];
        }

        var groups = items
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Items: g.ToArray(), Cost: g.Sum(i => Math.Max(1, i.Cost))))
            .ToArray();
        if (groups.Length <= instances)
        {
            return groups
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select((g, i) => new SegmentPlan(i, g.Key, g.Items))
                .ToArray();
        }

        var bins = Pack(groups, instances, g => g.Cost);
        return bins
            .Select(bin => bin.OrderBy(g => g.Key, StringComparer.Ordinal).ToArray())
            .OrderBy(bin => bin[0].Key, StringComparer.Ordinal)
            .Select((bin, i) => new SegmentPlan(i, string.Join('+', bin.Select(g => g.Key)), bin.SelectMany(g => g.Items).ToArray()))
            .ToArray();
    }

    /// <summary>Longest-processing-time-first packing of single items by cost into <paramref name="instances"/> segments.</summary>
    public static IReadOnlyList<SegmentPlan> Balanced(IReadOnlyList<WorkItem> items, int instances)
    {
        if (items.Count == 0 || instances < 1)
        {
            return [];
        }

        var count = Math.Min(instances, items.Count);
        var bins = Pack(items, count, i => Math.Max(1, i.Cost));
        return bins
            .Select((bin, i) => new SegmentPlan(i, $"shard-{i + 1}", bin))
            .ToArray();
    }

    private static List<List<T>> Pack<T>(IReadOnlyList<T> things, int binCount, Func<T, long> cost)
    {
        var bins = Enumerable.Range(0, binCount).Select(_ => new List<T>()).ToList();
        var heap = new PriorityQueue<int, (long Load, int Index)>();
        for (var i = 0; i < binCount; i++)
        {
            heap.Enqueue(i, (0, i));
        }

        // Stable order for equal costs keeps plans deterministic for the same input.
        foreach (var thing in things.Select((t, i) => (t, i)).OrderByDescending(x => cost(x.t)).ThenBy(x => x.i).Select(x => x.t))
        {
            heap.TryDequeue(out var bin, out var load);
            bins[bin].Add(thing);
            heap.Enqueue(bin, (load.Load + cost(thing), bin));
        }

        return bins.Where(b => b.Count > 0).ToList();
    }
}
