using System.Diagnostics;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Grains.Workers;

/// <summary>Runs one item with a command's executor; a fault in the item becomes the item's error, not the segment's.</summary>
public static class ItemRunner
{
    /// <summary>
    /// Starts the span of one item, under the current (segment) span, or under the attempt's stored context when the
    /// job's trace is dropped and the segment has no span. Kept even then, unrecorded: what the item runs (model
    /// calls, HTTP requests) starts its spans under it and so follows the job's decision.
    /// </summary>
    public static Activity? StartSpan(SegmentAssignment assignment, WorkItem item, string silo)
    {
        var parent = Activity.Current is null ? assignment.TraceParent : null;
        var activity = JobTelemetry.Start(JobTelemetry.ItemSpan, parent, assignment.JobId, assignment.Spec.Command, carrier: true);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobTelemetry.SegmentAttribute, assignment.Index);
            activity.SetTag(JobTelemetry.AttemptAttribute, assignment.Attempt);
            activity.SetTag(JobTelemetry.ItemAttribute, item.Id);
            activity.SetTag(JobTelemetry.SiloAttribute, silo);
        }

        return activity;
    }

    /// <summary>Records an item's outcome on its span: an item error is the span's error.</summary>
    public static void Finish(Activity? activity, ItemResult result)
    {
        if (activity is not null && result.Error is { } error)
        {
            JobTelemetry.Fail(activity, error);
        }
    }

    /// <summary>
    /// Executes the item off the grain scheduler so CPU-bound executors run in parallel. Items go to the pool's global
    /// queue (first in, first out): queued from a pool thread they would otherwise go to that thread's own queue,
    /// which it serves last in, first out, so the segments whose items started first kept the cores and the last
    /// segment ran alone at the end of the job. With the global queue the segments of a job advance together.
    /// </summary>
    public static async Task<ItemResult> RunAsync(IAgentCommand command, CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Task.Factory.StartNew(
                () => command.ExecuteAsync(context, item, cancellationToken),
                cancellationToken,
                TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).Unwrap().ConfigureAwait(false);
            return result.ItemId == item.Id ? result : result with { ItemId = item.Id };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not TransientWorkException)
        {
            return new ItemResult(item.Id, [], null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
