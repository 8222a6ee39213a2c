using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;

namespace ParallelAgents.Engine.Planning.History;

/// <summary>What a finished job teaches its command's history.</summary>
public static class RunObservations
{
    /// <summary>
    /// The items that ran without error with their kinds, costs and durations, and the run's measured makespan; null
    /// for a run that says little about the command's normal speed (cancelled, timed out, stopped by its budget,
    /// degraded to sequential runs, or never dispatched).
    /// </summary>
    public static RunObservation? Of(JobState job, IEnumerable<ItemResult> results, int capacity)
    {
        if (!job.Planned || job.Segments.Count == 0 || job.Degraded || job.CancelRequested || job.TimedOut || job.BudgetStop is not null
            || job.DispatchedAt is not { } dispatched || job.CompletedAt is not { } completed)
        {
            return null;
        }

        var items = job.Segments.SelectMany(s => s.Items).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var observed = results
            .Where(r => !r.NotRun && r.Error is null && items.ContainsKey(r.ItemId))
            .Select(r => new ItemObservation(ItemKind.Of(items[r.ItemId]), items[r.ItemId].Cost, r.DurationMs))
            .ToArray();
        var makespan = Math.Max(0, (completed - dispatched).TotalMilliseconds - job.AggregationMs);
        return new RunObservation(observed, job.Segments.Count, makespan, job.Segments.Max(s => s.BusyMs), job.Segments.Sum(s => s.BusyMs), Math.Max(1, capacity));
    }
}
