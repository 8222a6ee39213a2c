using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Jobs;

/// <summary>The machine's segment events: started, progress, completed, stopped, lost, faulted, retry due, leases.</summary>
public sealed partial class JobMachine
{
    /// <summary>A segment reports that an attempt started on <paramref name="on"/>.</summary>
    public IReadOnlyList<JobEffect> SegmentStarted(int index, int attempt, string on, DateTimeOffset now)
    {
        if (state.Segment(index) is not { } segment || !segment.Start(attempt, on, now))
        {
            return [];
        }

        Publish(ProgressEventKind.SegmentStarted, index, $"attempt {attempt} on {on}");
        return Drain();
    }

    /// <summary>A segment's ledger holds <paramref name="done"/> results.</summary>
    /// <remarks>A metered segment reports before each item too; a report that changes nothing publishes nothing.</remarks>
    public IReadOnlyList<JobEffect> ItemsCompleted(int index, int attempt, int done, int errors, double busyMs, DateTimeOffset now, ModelUsage? usage = null)
    {
        if (state.Segment(index) is not { } segment)
        {
            return [];
        }

        var before = (segment.ItemsDone, segment.ItemErrors, segment.Usage);
        if (!segment.Progress(attempt, done, errors, busyMs, usage, now))
        {
            return [];
        }

        if (before != (segment.ItemsDone, segment.ItemErrors, segment.Usage))
        {
            Publish(ProgressEventKind.ItemCompleted, index, null);
        }

        CheckBudget();
        return Drain();
    }

    /// <summary>An attempt finished every item of its segment.</summary>
    public IReadOnlyList<JobEffect> SegmentCompleted(SegmentOutcome outcome)
    {
        if (Current(outcome.Index, outcome.Attempt) is not { } segment)
        {
            return [];
        }

        segment.Complete(outcome);
        Publish(ProgressEventKind.SegmentCompleted, segment.Index, segment.Degraded ? "completed sequentially" : null);
        CheckBudget();

        // The last completion is not stored on its own: the job's end, written right after the aggregation it starts,
        // stores it. A coordinator that dies before then re-sends that segment, and its ledger answers at once.
        if (!AggregateIfDone())
        {
            _effects.Add(new PersistJob());
        }

        return Drain();
    }

    /// <summary>An attempt stopped before its end without the job asking: its lease expired, or it was stopped from elsewhere.</summary>
    public IReadOnlyList<JobEffect> AttemptStopped(int index, int attempt, DateTimeOffset now)
    {
        if (Current(index, attempt) is not { } segment)
        {
            return [];
        }

        var reason = segment.LeaseExpired ? $"no progress within the lease of {rules.SegmentLease}" : "stopped without being asked";
        if (StopRequested)
        {
            Cancelled(segment);
        }
        else
        {
            Lost(segment, reason, now);
        }

        return Drain();
    }

    /// <summary>An attempt's instance was lost (its silo died, the call timed out or was rejected).</summary>
    public IReadOnlyList<JobEffect> SegmentLost(int index, int attempt, string reason, DateTimeOffset now)
    {
        if (Current(index, attempt) is not { } segment)
        {
            return [];
        }

        if (StopRequested)
        {
            Cancelled(segment);
        }
        else
        {
            Lost(segment, reason, now);
        }

        return Drain();
    }

    /// <summary>An attempt failed with an error: retried with backoff and jitter while the policy allows.</summary>
    public IReadOnlyList<JobEffect> SegmentFaulted(int index, int attempt, string error, Random random, DateTimeOffset now)
    {
        if (Current(index, attempt) is not { } segment)
        {
            return [];
        }

        if (StopRequested)
        {
            Cancelled(segment);
            return Drain();
        }

        segment.Fault(error);
        if (!rules.Retry.ShouldRetry(segment.ErrorFailures))
        {
            Failed(segment, error);
            return Drain();
        }

        if (ShouldDegrade(segment))
        {
            Degrade(segment, now);
            return Drain();
        }

        var delay = rules.Retry.DelayAfter(segment.ErrorFailures, random);
        Publish(ProgressEventKind.SegmentRetrying, index, $"retry in {delay.TotalMilliseconds:0} ms: {error}");
        _effects.Add(new PersistJob());
        _effects.Add(new ScheduleRetry(index, delay));
        return Drain();
    }

    /// <summary>A segment's backoff has passed: send its next attempt.</summary>
    public IReadOnlyList<JobEffect> RetryDue(int index, DateTimeOffset now)
    {
        if (state.Segment(index) is not { Status: SegmentStatus.Retrying } segment)
        {
            return [];
        }

        if (StopRequested)
        {
            Cancelled(segment);
        }
        else
        {
            Send(segment, now);
        }

        return Drain();
    }

    /// <summary>Stops every in-flight attempt that has shown no sign of life within the lease.</summary>
    public IReadOnlyList<JobEffect> CheckLeases(DateTimeOffset now)
    {
        foreach (var segment in state.Segments.Where(s => s.ExpireLease(now, rules.SegmentLease)))
        {
            _effects.Add(new StopAttempt(segment.Index));
        }

        return Drain();
    }

    // Once the job's model calls reach its budget, no new item starts anywhere: segments that ask before an item are
    // told so, attempts sent from now on carry the stop, and the items they would have run are recorded as not run.
    // Items already running finish (their cost is paid either way).
    private void CheckBudget()
    {
        if (state.BudgetStop is not null || StopRequested || state.Budget?.Exceeded(state.Usage ?? ModelUsage.None) is not { } reason)
        {
            return;
        }

        state.BudgetStop = reason;
        state.Notes.Add($"Budget reached: {reason}; no new item started after it, and the items left are listed as not run.");
        _effects.Add(new PersistJob());
        Publish(ProgressEventKind.BudgetReached, null, reason, full: true);
    }

    private void Lost(SegmentRecord segment, string reason, DateTimeOffset now)
    {
        segment.Lose(reason);
        if (segment.Reassignments > rules.MaxReassignments)
        {
            Failed(segment, $"Lost its instance {segment.Reassignments} times; last: {reason}");
            return;
        }

        if (ShouldDegrade(segment))
        {
            Degrade(segment, now);
            return;
        }

        Publish(ProgressEventKind.SegmentReassigned, segment.Index, reason);
        Send(segment, now);
    }

    private void Failed(SegmentRecord segment, string error)
    {
        segment.Fail(error);
        Publish(ProgressEventKind.SegmentFailed, segment.Index, error);
        _effects.Add(new PersistJob());
        AggregateIfDone();
    }

    private void Cancelled(SegmentRecord segment)
    {
        segment.Cancel();
        _effects.Add(new PersistJob());
        AggregateIfDone();
    }

    private void Degrade(SegmentRecord segment, DateTimeOffset now)
    {
        var failures = segment.DispatchFailures;
        segment.Degrade(silo);
        state.Degraded = true;
        state.Notes.Add($"Degraded: instance {segment.Index} ({segment.Key}) could not be dispatched {failures} times; its remaining items ran sequentially on the coordinating silo.");
        Send(segment, now);
        Publish(ProgressEventKind.Degraded, segment.Index, "remaining items run sequentially", full: true);
    }

    private bool ShouldDegrade(SegmentRecord segment) =>
        !segment.Degraded && segment.DispatchFailures >= rules.DegradeAfterDispatchFailures;

    // The next attempt number is stored before the attempt goes out: should the coordinator die in between, the
    // next one sends a higher number still, and the segment's ledger merges by item id whatever arrives.
    private void Send(SegmentRecord segment, DateTimeOffset now)
    {
        var attempt = segment.NextAttempt(now);
        _effects.Add(new PersistJob());
        _effects.Add(segment.Degraded ? new RunDegraded(segment.Index, attempt) : new DispatchSegment(segment.Index, attempt));
    }
}
