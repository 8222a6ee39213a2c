using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Engine.Jobs;

/// <summary>
/// The life of one job as a state machine: each event (accepted, planned, segment started, progress, outcome, lost,
/// faulted, retry due, lease check, cancel, deadline, finish) changes <see cref="JobState"/> and answers with the
/// effects the coordinator must carry out, in order. No I/O, no clock, no randomness of its own: the coordinator
/// passes the time and the random source in, so every transition is tested without a cluster.
/// </summary>
/// <param name="state">The job's state; the machine is its only writer.</param>
/// <param name="rules">Retry, reassignment, degradation and time limits.</param>
/// <param name="silo">The silo the coordinator runs on (degraded segments run there).</param>
public sealed partial class JobMachine(JobState state, JobRules rules, string silo)
{
    private readonly List<JobEffect> _effects = [];
    private bool _aggregating;

    /// <summary>The state the machine changes.</summary>
    public JobState State => state;

    /// <summary>True once a stop (cancel or deadline) was asked for.</summary>
    public bool StopRequested => state.CancelRequested || state.TimedOut;

    /// <summary>A new job. Idempotent: a second submission for the same id changes nothing.</summary>
    public IReadOnlyList<JobEffect> Accept(JobSpec spec, string agentRole)
    {
        if (state.Spec is not null)
        {
            return [];
        }

        state.Spec = spec;
        state.Status = JobStatus.Pending;
        state.CreatedAt = spec.SubmittedAt;
        state.AgentRole = agentRole;
        state.Generation = 1;
        return Emit(new PersistJob(), new UpdateJobIndex(Wait: true), new StartPlanning());
    }

    /// <summary>
    /// A coordinator activation takes over a stored, unfinished job: it claims a new generation, and every attempt
    /// that was in flight is sent again under a new attempt number (its ledger keeps what it finished).
    /// </summary>
    public IReadOnlyList<JobEffect> Activate(DateTimeOffset now)
    {
        if (state.Spec is null || state.Status.IsTerminal())
        {
            return [];
        }

        state.Generation++;
        _effects.Add(new PersistJob());
        if (!state.Planned)
        {
            _effects.Add(StopRequested ? new AggregateJob() : new StartPlanning());
            _aggregating = StopRequested;
            return Drain();
        }

        foreach (var segment in state.Segments.Where(s => !s.IsFinished))
        {
            if (StopRequested)
            {
                segment.Cancel();
                continue;
            }

            if (rules.Admission && segment.IsWaitingForSlot)
            {
                continue;
            }

            if (segment.Status != SegmentStatus.Retrying)
            {
                segment.Interrupt(silo);
            }

            Send(segment, now);
        }

        if (StopRequested)
        {
            _effects.Add(new StopAllSegments());
        }

        AggregateIfDone();
        return Drain();
    }

    /// <summary>Assessment started.</summary>
    public IReadOnlyList<JobEffect> PlanningStarted()
    {
        if (state.Status != JobStatus.Pending)
        {
            return [];
        }

        state.Status = JobStatus.Planning;
        return Emit(new UpdateJobIndex());
    }

    /// <summary>
    /// The coordinator fixed what the workspace means (a git ref became its commit): stored before any segment is
    /// sent, so every attempt, on every silo and after any restart, works on the same files.
    /// </summary>
    public IReadOnlyList<JobEffect> WorkspacePinned(WorkspaceRef workspace)
    {
        if (state.Spec is null || state.Planned || state.Status.IsTerminal())
        {
            return [];
        }

        state.Spec = state.Spec with { Workspace = workspace };
        return Emit(new PersistJob());
    }

    /// <summary>The plan is ready: store it, then send the first attempt of every segment.</summary>
    public IReadOnlyList<JobEffect> Planned(
        IReadOnlyList<SegmentPlan> segments, int itemsTotal, IReadOnlyList<Finding> findings, IReadOnlyList<string> notes, DateTimeOffset now, ModelBudget? budget = null, PoolChoice? pool = null, bool latencyBound = false)
    {
        if (state.Planned || state.Status.IsTerminal())
        {
            return [];
        }

        state.Segments = [.. segments.Select(s => new SegmentRecord { Index = s.Index, Key = s.Key, Items = [.. s.Items], Cost = s.Cost })];
        state.ItemsTotal = itemsTotal;
        state.AssessmentFindings = [.. findings];
        state.Notes.AddRange(notes);
        state.Pool = pool;
        state.LatencyBound = latencyBound;
        if (pool is not null)
        {
            state.Notes.Add(pool.Reason);
        }

        state.Planned = true;
        state.Budget = budget is { MaxTokens: > 0 } or { MaxCostUsd: > 0 } ? budget : null;
        state.Status = JobStatus.Running;
        // Under admission the segments wait for slots (asked for when the transition drains) and the job is
        // dispatched when the first one is granted.
        state.DispatchedAt = rules.Admission ? null : now;
        foreach (var segment in state.Segments)
        {
            if (StopRequested)
            {
                segment.Cancel();
            }
            else if (!rules.Admission)
            {
                segment.NextAttempt(now);
            }
        }

        // The job list hears of it after the first attempts are out: it is not on the dispatch path.
        _effects.Add(new PersistJob());
        Publish(ProgressEventKind.Planned, null, $"{itemsTotal} item(s) in {state.Segments.Count} segment(s)", full: true);
        foreach (var segment in state.Segments.Where(s => !s.IsFinished && s.Attempt > 0))
        {
            _effects.Add(new DispatchSegment(segment.Index, segment.Attempt));
        }

        _effects.Add(new UpdateJobIndex());

        AggregateIfDone();
        return Drain();
    }

    /// <summary>Assessment failed (or was stopped): the job ends with what it has.</summary>
    public IReadOnlyList<JobEffect> PlanningFailed(string? error)
    {
        if (state.Planned || state.Status.IsTerminal() || _aggregating)
        {
            return [];
        }

        if (!StopRequested)
        {
            state.Error ??= error;
        }

        _aggregating = true;
        return Emit(new AggregateJob());
    }

    /// <summary>A caller cancels the job: nothing new starts, running attempts are stopped, the job ends cancelled.</summary>
    public IReadOnlyList<JobEffect> Cancel()
    {
        if (state.Spec is null || state.Status.IsTerminal() || state.CancelRequested)
        {
            return [];
        }

        state.CancelRequested = true;
        return Stop();
    }

    /// <summary>The job ran past its time limit: it is stopped like a cancel and ends failed with the reason.</summary>
    public IReadOnlyList<JobEffect> DeadlinePassed()
    {
        if (state.Spec is null || state.Status.IsTerminal() || StopRequested)
        {
            return [];
        }

        state.TimedOut = true;
        state.Error ??= $"The job exceeded its run time limit of {rules.MaxJobDuration}.";
        return Stop();
    }

    /// <summary>
    /// The aggregation is done: the ledgers' counts become the segments' counts and the job takes its final status.
    /// </summary>
    /// <param name="ledgerCounts">Results per segment index, as read from the ledgers.</param>
    /// <param name="itemErrors">Results that carry an error.</param>
    /// <param name="notes">What the aggregation has to say (a ledger it could not read...).</param>
    /// <param name="aggregationError">Why the aggregation failed, if it did.</param>
    /// <param name="aggregationMs">How long it took.</param>
    /// <param name="now">The time.</param>
    public IReadOnlyList<JobEffect> Finish(
        IReadOnlyDictionary<int, int> ledgerCounts, int itemErrors, IReadOnlyList<string> notes, string? aggregationError, double aggregationMs, DateTimeOffset now)
    {
        if (state.Status.IsTerminal())
        {
            return [];
        }

        state.Notes.AddRange(notes);
        foreach (var segment in state.Segments)
        {
            segment.ItemsDone = Math.Min(segment.Items.Count, ledgerCounts.GetValueOrDefault(segment.Index, segment.ItemsDone));
        }

        var error = state.Error ?? aggregationError;
        state.Status = error is not null ? JobStatus.Failed
            : state.CancelRequested ? JobStatus.Cancelled
            : state.Segments.Any(s => s.Status == SegmentStatus.Failed) || itemErrors > 0 ? JobStatus.CompletedWithErrors
            : JobStatus.Completed;
        state.Error = error;
        state.CompletedAt = now;
        state.AggregationMs = aggregationMs;
        // The list shows the end before the stream announces it, so a client that reads the list on jobCompleted
        // finds the job finished.
        _effects.Add(new WriteReport());
        _effects.Add(new PersistJob());
        _effects.Add(new UpdateJobIndex(Wait: true));
        Publish(ProgressEventKind.JobCompleted, null, state.Error, full: true);
        _effects.Add(new EndJob());
        return Drain();
    }

    /// <summary>
    /// The watchdog's check: a segment whose attempt nobody follows (the coordinator lost the call, or a backoff timer
    /// died with an earlier activation) is sent again; planning or aggregation that stopped without an answer starts
    /// again.
    /// </summary>
    /// <param name="followed">Segments with a call, a degraded run or a backoff timer in progress.</param>
    /// <param name="planning">Planning is in progress.</param>
    /// <param name="aggregating">Aggregation is in progress.</param>
    /// <param name="now">The time.</param>
    public IReadOnlyList<JobEffect> Watchdog(IReadOnlySet<int> followed, bool planning, bool aggregating, DateTimeOffset now)
    {
        if (state.Spec is null || state.Status.IsTerminal())
        {
            return [];
        }

        _aggregating &= aggregating;
        if (!state.Planned)
        {
            return planning || _aggregating ? [] : PlanningRestarted();
        }

        // The scheduler hears the job's whole view again: a lost answer or a restart of either side heals here.
        _resync = true;
        foreach (var segment in state.Segments.Where(s => !s.IsFinished && !followed.Contains(s.Index) && !(rules.Admission && s.IsWaitingForSlot)))
        {
            if (StopRequested)
            {
                segment.Cancel();
                _effects.Add(new PersistJob());
            }
            else if (segment.Status == SegmentStatus.Retrying)
            {
                Send(segment, now);
            }
            else
            {
                Lost(segment, "the coordinator was not following the attempt", now);
            }
        }

        AggregateIfDone();
        return Drain();
    }

    private IReadOnlyList<JobEffect> PlanningRestarted()
    {
        if (StopRequested)
        {
            _aggregating = true;
            return Emit(new AggregateJob());
        }

        return Emit(new StartPlanning());
    }

    private IReadOnlyList<JobEffect> Stop()
    {
        foreach (var segment in state.Segments.Where(s => s.Status == SegmentStatus.Retrying || s.IsWaitingForSlot))
        {
            segment.Cancel();
        }

        _effects.Add(new PersistJob());
        _effects.Add(new StopAllSegments());
        AggregateIfDone();
        return Drain();
    }

    private SegmentRecord? Current(int index, int attempt) =>
        state.Segment(index) is { IsFinished: false } segment && segment.Attempt == attempt ? segment : null;

    private bool AggregateIfDone()
    {
        if (state.Planned && !_aggregating && state.AllSegmentsFinished)
        {
            _aggregating = true;
            _effects.Add(new AggregateJob());
            return true;
        }

        return false;
    }

    private void Publish(ProgressEventKind kind, int? segment, string? message, bool full = false)
    {
        state.Sequence++;
        _effects.Add(new PublishProgress(kind, segment, message, state.Sequence, full));
    }

    private IReadOnlyList<JobEffect> Emit(params JobEffect[] effects)
    {
        _effects.AddRange(effects);
        return Drain();
    }

    // Every change of a transition is made before its first effect runs, so one write (the first asked for) stores
    // them all; the effects after it still wait for it.
    private JobEffect[] Drain()
    {
        SyncAdmission();
        var effects = new List<JobEffect>(_effects.Count);
        foreach (var effect in _effects)
        {
            if (effect is not PersistJob || !effects.Exists(e => e is PersistJob))
            {
                effects.Add(effect);
            }
        }

        _effects.Clear();
        return [.. effects];
    }
}
