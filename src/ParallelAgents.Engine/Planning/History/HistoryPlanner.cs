using System.Globalization;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Planning.History;

/// <summary>
/// Plans with learned costs: items are packed longest-processing-time-first by their predicted durations, and the
/// pool size is the one whose predicted makespan (<see cref="MakespanModel"/>) is lowest, so a command whose instances
/// cost more than they save runs with fewer.
/// </summary>
public static class HistoryPlanner
{
    /// <summary>
    /// The plan, with the pool's reason; without history (or with <paramref name="choosePool"/> false, for a job that
    /// set its own pool), the pool size comes from <see cref="PoolSizing"/> and only the packing learns.
    /// </summary>
    /// <param name="items">The assessed items.</param>
    /// <param name="settings">The job's pool settings.</param>
    /// <param name="strategy">Keyed or balanced.</param>
    /// <param name="history">The command's history.</param>
    /// <param name="capacity">Segments the cluster runs at once.</param>
    /// <param name="choosePool">Choose the pool size from the predictions.</param>
    public static JobPlan Plan(
        IReadOnlyList<WorkItem> items, PoolSettings settings, PartitionStrategy strategy, DurationHistory history, int capacity, bool choosePool)
    {
        var model = new CostModel(history);
        if (items.Count == 0 || model.MsPerCost is null)
        {
            return JobPlanner.Plan(items, settings, strategy);
        }

        // Predicted microseconds as the packing cost: whole numbers with room for sub-millisecond items.
        var byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var costed = items.Select(i => i with { Cost = Math.Max(1, (long)Math.Round((model.PredictMs(i) ?? 0) * 1000)) }).ToArray();
        var known = items.Count(model.Knows) / (double)items.Count;
        var overhead = history.OverheadMsPerInstance;
        var candidates = Candidates(costed, settings, strategy, choosePool)
            .Select(n => (Instances: n, Plan: JobPlanner.Plan(costed, settings with { MaxInstances = n, ItemsPerInstance = 1, ParallelThreshold = 0 }, strategy)))
            .Select(c => (c.Instances, c.Plan, Predicted: Predict(c.Plan, capacity, overhead)))
            .ToList();
        var best = candidates.OrderBy(c => c.Predicted).ThenBy(c => c.Plan.Segments.Count).First();
        var segments = best.Plan.Segments.Select(s => new SegmentPlan(s.Index, s.Key, [.. s.Items.Select(i => byId[i.Id])])).ToArray();
        var choice = new PoolChoice(best.Plan.Segments.Count, Math.Round(best.Predicted, 1), Reason(best, candidates, history, known, choosePool), Math.Round(known, 3));
        return new JobPlan(best.Plan.Segments.Count, strategy, segments) { Pool = choice };
    }

    private static IEnumerable<int> Candidates(IReadOnlyList<WorkItem> items, PoolSettings settings, PartitionStrategy strategy, bool choosePool)
    {
        if (!choosePool)
        {
            return [Math.Max(1, PoolSizing.Instances(items.Count, settings))];
        }

        var most = strategy == PartitionStrategy.Keyed ? items.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count() : items.Count;
        return Enumerable.Range(1, Math.Max(1, Math.Min(settings.MaxInstances, most)));
    }

    private static double Predict(JobPlan plan, int capacity, double overhead)
    {
        var longest = plan.Segments.Count == 0 ? 0 : plan.Segments.Max(s => s.Cost) / 1000.0;
        var total = plan.Segments.Sum(s => s.Cost) / 1000.0;
        return MakespanModel.Predict(longest, total, capacity, plan.Segments.Count, overhead);
    }

    private static string Reason(
        (int Instances, JobPlan Plan, double Predicted) best, IReadOnlyList<(int Instances, JobPlan Plan, double Predicted)> candidates, DurationHistory history, double known, bool chose)
    {
        var c = CultureInfo.InvariantCulture;
        var compared = string.Join(", ", candidates
            .OrderBy(x => Math.Abs(x.Instances - best.Instances)).Take(5).OrderBy(x => x.Instances)
            .Select(x => string.Create(c, $"{x.Plan.Segments.Count}: {x.Predicted:0} ms")));
        var basis = string.Create(c, $"from {history.Runs} earlier run(s), {known:P0} of the items of a kind seen before, {history.OverheadMsPerInstance:0} ms learned overhead per instance");
        return chose
            ? string.Create(c, $"Pool of {best.Plan.Segments.Count}: the lowest predicted makespan, {best.Predicted:0} ms ({compared}), {basis}.")
            : string.Create(c, $"Pool of {best.Plan.Segments.Count} as the job's pool options ask; items packed by learned durations, predicted makespan {best.Predicted:0} ms, {basis}.");
    }
}
