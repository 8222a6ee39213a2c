using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Grains.Workers;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// Graceful degradation: when the pool cannot run a segment, its remaining items run one after another on the
/// coordinating silo, and each result is recorded in the segment's ledger like any other, so results keep one home.
/// </summary>
public static class DegradedRunner
{
    /// <summary>
    /// Runs the items the ledger does not hold yet; reports progress after each recorded result, and the answer (the
    /// job's budget stop, if reached) turns the items left into not-run results.
    /// </summary>
    public static async Task<SegmentOutcome> RunAsync(
        ISegmentGrain ledger,
        IAgentCommand command,
        CommandContext context,
        SegmentAssignment assignment,
        string silo,
        Func<int, int, double, ModelUsage?, Task<string?>> progress,
        ParallelAgentsMetrics metrics,
        CancellationToken cancellationToken)
    {
        var done = (await ledger.GetResultsAsync()).ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var resumed = assignment.Items.Count(i => done.ContainsKey(i.Id));
        var hold = assignment.Hold;
        foreach (var item in assignment.Items.Where(i => !done.ContainsKey(i.Id)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Outcome(assignment, SegmentStatus.Cancelled, done, silo, resumed);
            }

            ItemResult result;
            using var activity = hold is null ? ItemRunner.StartSpan(assignment, item, silo) : null;
            try
            {
                result = hold is null ? await ItemRunner.RunAsync(command, context, item, cancellationToken) : new ItemResult(item.Id, [], null, 0, hold) { NotRun = true };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Outcome(assignment, SegmentStatus.Cancelled, done, silo, resumed);
            }
            catch (TransientWorkException e)
            {
                // Nowhere left to retry it: the item's error is reported and the rest goes on.
                result = new ItemResult(item.Id, [], null, 0, $"{nameof(TransientWorkException)}: {e.Message}");
            }

            result = result with { Attempt = assignment.Attempt, Silo = silo };
            ItemRunner.Finish(activity, result);
            metrics.ItemCompleted(assignment.Spec.Command, result);
            if (!await ledger.RecordAsync(assignment.Attempt, result))
            {
                return Outcome(assignment, SegmentStatus.Failed, done, silo, resumed);
            }

            done[item.Id] = result;
            hold ??= await progress(Done(assignment, done), done.Values.Count(r => r.Error is not null), done.Values.Sum(r => r.DurationMs), Segments.SegmentLedger.Sum(done.Values));
        }

        return Outcome(assignment, SegmentStatus.Completed, done, silo, resumed);
    }

    private static int Done(SegmentAssignment assignment, Dictionary<string, ItemResult> done) => assignment.Items.Count(i => done.ContainsKey(i.Id));

    private static SegmentOutcome Outcome(SegmentAssignment assignment, SegmentStatus status, Dictionary<string, ItemResult> done, string silo, int resumed) =>
        new(assignment.Index, assignment.Attempt, status, Done(assignment, done), done.Values.Count(r => r.Error is not null), done.Values.Sum(r => r.DurationMs), silo, null, resumed)
        {
            Usage = Segments.SegmentLedger.Sum(done.Values),
        };
}
