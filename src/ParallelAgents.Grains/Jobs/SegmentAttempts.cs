using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Placement;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// A coordinator's segment attempts: sends them, runs degraded ones on this silo, waits out backoffs, and turns each
/// answer into the machine's event. Runs on the grain's scheduler (it is only called from the grain), so it needs
/// no locks; the grain passes the machine in at every answer because a takeover may have replaced it.
/// </summary>
public sealed class SegmentAttempts(
    string jobId,
    string silo,
    IGrainFactory grains,
    CommandRegistry registry,
    JobContextFactory contexts,
    ParallelAgentsMetrics metrics,
    ILogger logger,
    Func<Func<JobMachine, IReadOnlyList<JobEffect>>, Task> answer,
    CancellationToken stop)
{
    private readonly Dictionary<int, CancellationTokenSource> _running = [];
    private readonly HashSet<int> _followed = [];

    /// <summary>Segments with a call, a degraded run or a backoff in progress.</summary>
    public IReadOnlySet<int> Followed => _followed;

    /// <summary>Sends an attempt to the segment's grain and answers with its outcome.</summary>
    public async Task DispatchAsync(JobState job, int index, int attempt)
    {
        var segment = job.Segments[index];
        using var activity = Span(JobTelemetry.DispatchSpan, job, segment, attempt);
        var assignment = Assignment(job, segment, attempt) with { TraceParent = JobTelemetry.ContextOf(activity, job.Spec!.TraceParent), SentAt = DateTimeOffset.UtcNow };
        await FollowAsync(index, attempt, token => PlacementHint.Call(segment.Slot, () => Segment(index).RunAsync(assignment, token)), activity);
    }

    /// <summary>Runs the segment's remaining items here, one after another, recording them in its ledger.</summary>
    public async Task RunDegradedAsync(JobState job, int index, int attempt)
    {
        await Task.Yield();
        var segment = job.Segments[index];
        var spec = job.Spec!;
        Log.SegmentDegraded(logger, jobId, index, segment.DispatchFailures);
        using var activity = Span(JobTelemetry.SegmentSpan, job, segment, attempt);
        activity?.SetTag(JobTelemetry.SiloAttribute, silo);
        activity?.SetTag(JobTelemetry.DegradedAttribute, true);
        await FollowAsync(
            index,
            attempt,
            async token => await DegradedRunner.RunAsync(
                Segment(index),
                registry.Get(spec.Command),
                await contexts.GetAsync(jobId, spec, token),
                Assignment(job, segment, attempt),
                silo,
                async (done, errors, busy, usage) =>
                {
                    await answer(m => m.ItemsCompleted(index, attempt, done, errors, busy, DateTimeOffset.UtcNow, usage));
                    return job.BudgetStop;
                },
                metrics,
                token),
            activity);
    }

    /// <summary>Waits out a backoff, then answers that the retry is due (at once when the job stops).</summary>
    public async Task RetryLaterAsync(int index, TimeSpan delay)
    {
        _followed.Add(index);
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the machine cancels the segment.
        }

        _followed.Remove(index);
        await answer(m => m.RetryDue(index, DateTimeOffset.UtcNow));
    }

    /// <summary>Stops one in-flight attempt; it answers as stopped.</summary>
    public void Stop(int index)
    {
        if (_running.TryGetValue(index, out var attempt))
        {
            attempt.Cancel();
        }

        _ = CancelSegmentAsync(index);
    }

    /// <summary>Tells every segment with an attempt out to stop (the job's own token stops the calls).</summary>
    public Task StopAllAsync(JobState job) =>
        Task.WhenAll(job.Segments.Where(s => s.IsInFlight && !s.Degraded).Select(s => CancelSegmentAsync(s.Index)));

    private async Task FollowAsync(int index, int attempt, Func<CancellationToken, Task<SegmentOutcome>> run, Activity? activity)
    {
        using var token = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _running[index] = token;
        _followed.Add(index);
        Func<JobMachine, IReadOnlyList<JobEffect>> next;
        try
        {
            var outcome = await run(token.Token);
            activity?.SetTag(JobTelemetry.StatusAttribute, Camel(outcome.Status.ToString()));
            activity?.SetTag(JobTelemetry.SiloAttribute, outcome.Silo);
            next = outcome.Status == SegmentStatus.Completed ? m => m.SegmentCompleted(outcome) : m => m.AttemptStopped(index, attempt, DateTimeOffset.UtcNow);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            activity?.SetTag(JobTelemetry.StatusAttribute, "stopped");
            next = m => m.AttemptStopped(index, attempt, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            var reason = $"{e.GetType().Name}: {Text.FirstLine(e.Message)}";
            Log.SegmentLost(logger, jobId, index, attempt, reason);
            activity?.SetTag(JobTelemetry.StatusAttribute, "lost");
            JobTelemetry.Fail(activity, reason, e);
            next = m => m.SegmentLost(index, attempt, reason, DateTimeOffset.UtcNow);
        }
        catch (Exception e)
        {
            Log.SegmentFailed(logger, e, jobId, index, attempt);
            var error = $"{e.GetType().Name}: {Text.FirstLine(e.Message)}";
            JobTelemetry.Fail(activity, error, e);
            next = m => m.SegmentFaulted(index, attempt, error, new Random(HashCode.Combine(jobId, index, attempt)), DateTimeOffset.UtcNow);
        }
        finally
        {
            if (_running.TryGetValue(index, out var current) && current == token)
            {
                _running.Remove(index);
                _followed.Remove(index);
            }
        }

        await answer(next);
    }

    private async Task CancelSegmentAsync(int index)
    {
        try
        {
            await Segment(index).CancelAsync();
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            // A lost segment has nothing left to cancel.
        }
    }

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private Activity? Span(string name, JobState job, SegmentRecord segment, int attempt)
    {
        var activity = JobTelemetry.Start(name, job.Spec!.TraceParent, jobId, job.Spec.Command);
        activity?.SetTag(JobTelemetry.SegmentAttribute, segment.Index);
        activity?.SetTag(JobTelemetry.SegmentKeyAttribute, segment.Key);
        activity?.SetTag(JobTelemetry.AttemptAttribute, attempt);
        return activity;
    }

    private SegmentAssignment Assignment(JobState job, SegmentRecord segment, int attempt) =>
        new(jobId, segment.Index, segment.Key, attempt, job.Spec!, segment.Items) { Metered = job.Budget is not null, Hold = job.BudgetStop };

    private ISegmentGrain Segment(int index) => grains.GetGrain<ISegmentGrain>($"{jobId}/{index}");
}
