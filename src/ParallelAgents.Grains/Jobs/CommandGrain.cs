using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// One job's coordinator: the shell around <see cref="JobMachine"/>. It feeds the machine what happens (calls
/// answered, timers fired, requests) and carries out the effects it answers with — storage, the stream, the index,
/// segment calls, timers. Reentrant so progress reports and reads interleave with long calls; every change happens
/// on the grain's single thread.
/// </summary>
[Reentrant]
public sealed class CommandGrain(
    [PersistentState("job", Names.JobStorage)] IPersistentState<JobState> state,
    CommandRegistry registry,
    JobContextFactory contexts,
    IWorkspaceResolver workspaces,
    ILocalSiloDetails siloDetails,
    IOptions<EngineOptions> options,
    IOptions<SchedulingOptions> scheduling,
    ParallelAgentsMetrics metrics,
    ILogger<CommandGrain> logger) : Grain, ICommandGrain, IRemindable
{
    private const string WatchdogReminder = "watchdog";

    private readonly TaskCompletionSource _finished = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CoalescingWriter _writer = new(() => state.WriteStateAsync());
    private JobTimers _timers = null!;
    private JobMachine _machine = null!;
    private ProgressPublisher _events = null!;
    private SegmentAttempts _segments = null!;
    private JobSteps _steps = null!;
    private JobRecords _records = null!;
    private AdmissionLink _admission = null!;
    private JobHistory _history = null!;
    private Task? _conflict;
    private IGrainReminder? _watchdog;
    private bool _retired;
    private int _indexedItems = -1;
    private Dictionary<string, object>? _logScope;

    private string JobId => this.GetPrimaryKeyString();

    // Every line a job's coordinator writes carries the job id as a scope (JSON console and OTLP logs keep it as a field).
    private Dictionary<string, object> LogScope => _logScope ??= new(StringComparer.Ordinal) { ["JobId"] = JobId };

    private JobState Job => state.State;

    private string Silo => siloDetails.SiloAddress.ToString();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Names.StreamProvider).GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, JobId));
        _events = new ProgressPublisher(e => stream.OnNextAsync(e), logger, JobId);
        _segments = new SegmentAttempts(JobId, Silo, GrainFactory, registry, contexts, metrics, logger, next => ExecuteAsync(next(_machine)), _stop.Token);
        _records = new JobRecords(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Names.JobStorage), this.GetGrainId(), GrainFactory, logger, JobId);
        _timers = new JobTimers(this);
        _history = new JobHistory(JobId, GrainFactory, scheduling.Value, logger);
        _steps = new JobSteps(JobId, registry, contexts, workspaces, options.Value.MaxWorkItemsPerJob, _history, logger, SegmentGrain, next => ExecuteAsync(next(_machine)), _stop.Token);
        _admission = new AdmissionLink(JobId, GrainFactory, () => JobProjection.Demand(JobId, Job), a => ExecuteAsync(_machine.Admitted(a.Granted, a.Position, Now)), logger);
        _machine = NewMachine(Job);
        if (Job.Status.IsTerminal())
        {
            _timers.Retire(options.Value.KeepFinishedJobFor, DeactivateOnIdle);
        }
        else if (Job.Spec is not null)
        {
            Log.JobResumed(logger, JobId, Job.Status.ToString());
            StartTimers();
            await ExecuteAsync(_machine.Activate(Now));
        }
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobSpec spec) => (await SubmitOnceAsync(spec)).Snapshot;

    /// <inheritdoc />
    public async Task<SubmitResult> SubmitOnceAsync(JobSpec spec)
    {
        if (Job.Spec is { } known)
        {
            return new SubmitResult(Snapshot(), Replayed: true, Conflict: spec.RequestHash is not null && spec.RequestHash != known.RequestHash);
        }

        // The job's trace: this span is the root every later span of the job joins, on any silo. It continues the
        // caller's trace when the spec carries one (the HTTP request's, sampled or not), else the current span's.
        using (var activity = JobTelemetry.Start(JobTelemetry.SubmitSpan, spec.TraceParent, JobId, spec.Command, System.Diagnostics.ActivityKind.Server))
        {
            activity?.SetTag(JobTelemetry.SiloAttribute, Silo);
            spec = spec with { TraceParent = JobTelemetry.ContextOf(activity, spec.TraceParent ?? System.Diagnostics.Activity.Current?.Id) };
        }

        metrics.JobSubmitted(spec.Command);
        using (logger.BeginScope(LogScope))
        {
            Log.JobAccepted(logger, JobId, spec.Command, spec.Owner ?? "anonymous");
        }

        // The watchdog (what revives the job if this silo dies) is stored before the job: a submission that fails
        // here has started nothing, and one answered 202 is revived whatever dies next.
        var effects = _machine.Accept(spec, registry.Get(spec.Command).Descriptor.AgentRole);
        _watchdog = await this.RegisterOrUpdateReminder(WatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
        StartTimers();
        await ExecuteAsync(effects);
        return new SubmitResult(Snapshot(), Replayed: false, Conflict: false);
    }

    /// <inheritdoc />
    public Task<JobSnapshot?> GetSnapshotAsync() => Task.FromResult(Job.Spec is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task<JobSnapshot?> WaitAsync(TimeSpan timeout)
    {
        if (Job.Spec is null)
        {
            return null;
        }

        if (!Job.Status.IsTerminal())
        {
            try
            {
                await _finished.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                // The caller gets the snapshot as it stands and may wait again.
            }
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<JobReport?> GetReportAsync() => _records.ReadReportAsync(Job.Status.IsTerminal());

    /// <inheritdoc />
    public Task<IReadOnlyList<ProgressEvent>> GetEventsAsync(long afterSequence) => Task.FromResult(_events.Since(afterSequence));

    /// <inheritdoc />
    public async Task<JobSnapshot?> CancelAsync()
    {
        if (Job.Spec is null)
        {
            return null;
        }

        var effects = _machine.Cancel();
        if (effects.Count > 0)
        {
            using (logger.BeginScope(LogScope))
            {
                Log.CancelRequested(logger, JobId);
            }
        }

        await ExecuteAsync(effects);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task SegmentStartedAsync(int index, int attempt, string silo) => ExecuteAsync(_machine.SegmentStarted(index, attempt, silo, Now));

    /// <inheritdoc />
    public Task ItemCompletedAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs, ModelUsage? usage) =>
        ExecuteAsync(_machine.ItemsCompleted(index, attempt, itemsDone, itemErrors, busyMs, Now, usage));

    /// <inheritdoc />
    public async Task<string?> ItemStartingAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs, ModelUsage? usage)
    {
        await ExecuteAsync(_machine.ItemsCompleted(index, attempt, itemsDone, itemErrors, busyMs, Now, usage));
        return Job.BudgetStop;
    }

    /// <inheritdoc />
    public Task AdmissionChangedAsync(int? position, bool offered) => _admission.ChangedAsync(Job, _machine, position, offered);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }

        if (Job.Spec is null || Job.Status.IsTerminal())
        {
            await Watchdog.UnregisterAsync(this, WatchdogReminder, Interlocked.Exchange(ref _watchdog, null));
            return;
        }

        await ExecuteAsync(_machine.Watchdog(_segments.Followed, _steps.Planning, _steps.Aggregating, Now));
    }

    private async Task ExecuteAsync(IReadOnlyList<JobEffect> effects)
    {
        if (effects.Count == 0)
        {
            return;
        }

        // The work the effects start in the background (planning, dispatch, aggregation) inherits the scope.
        using var scope = logger.BeginScope(LogScope);
        foreach (var effect in effects)
        {
            if (_retired)
            {
                return;
            }

            switch (effect)
            {
                case PersistJob:
                    if (!await PersistAsync())
                    {
                        return;
                    }

                    break;
                case PublishProgress publish:
                    metrics.SegmentEvent(Job.Spec!.Command, publish.Kind);
                    LogEvent(publish);
                    _events.Publish(JobProjection.Event(JobId, Job, publish, Now, Silo));
                    break;
                case UpdateJobIndex { Wait: true }:
                    await UpdateIndexAsync();
                    break;
                case UpdateJobIndex:
                    // Off the job's path: the index orders a job's rows itself (a final status stays final).
                    _ = UpdateIndexAsync();
                    break;
                case StartPlanning:
                    _ = _steps.PlanAsync(Job);
                    break;
                case DispatchSegment dispatch:
                    _ = _segments.DispatchAsync(Job, dispatch.Index, dispatch.Attempt);
                    break;
                case ScheduleRetry retry:
                    _ = _segments.RetryLaterAsync(retry.Index, retry.Delay);
                    break;
                case RunDegraded degraded:
                    _ = _segments.RunDegradedAsync(Job, degraded.Index, degraded.Attempt);
                    break;
                case StopAttempt stop:
                    Log.LeaseExpired(logger, JobId, stop.Index, options.Value.SegmentLease);
                    _segments.Stop(stop.Index);
                    break;
                case StopAllSegments:
                    await _stop.CancelAsync();
                    await _segments.StopAllAsync(Job);
                    break;
                case SyncAdmission:
                    _ = _admission.SyncAsync();
                    break;
                case AggregateJob:
                    _ = _steps.AggregateAsync(Job);
                    break;
                case WriteReport:
                    await _steps.WriteReportAsync(Job, Snapshot(), _records);
                    break;
                case EndJob:
                    await EndAsync();
                    break;
            }
        }
    }

    // The failures that lead to retries and reassignments are logged where they happen; a budget stop only here.
    private void LogEvent(PublishProgress publish)
    {
        if (publish.Kind == ProgressEventKind.BudgetReached)
        {
            Log.BudgetReached(logger, JobId, publish.Message ?? "");
        }
    }

    private async Task EndAsync()
    {
        var snapshot = Snapshot();
        Log.JobEnded(logger, JobId, Job.Status.ToString(), snapshot.Metrics.WallMs);
        metrics.JobCompleted(snapshot);
        _ = _history.RecordAsync(Job, _steps.Release());

        // The end is stored and listed by now: waiters (the SSE streams, WaitAsync) hear of it at once and take any
        // event the stream has not carried yet from the replay window, so nothing waits on progress still being sent.
        _finished.TrySetResult();
        _timers.Retire(options.Value.KeepFinishedJobFor, DeactivateOnIdle);
        await Task.WhenAll(_events.DrainAsync(), Watchdog.UnregisterAsync(this, WatchdogReminder, Interlocked.Exchange(ref _watchdog, null)));
    }

    // The state is fenced by the job's generation: a conflicting write means another activation of this job wrote
    // (Orleans can briefly run two after a silo is declared dead). Never overwrite it: re-read, then step down if that
    // activation took the job over or finished it, and otherwise take the stored state over and carry on from it.
    private async Task<bool> PersistAsync()
    {
        try
        {
            await _writer.WriteAsync();
            return !_retired;
        }
        catch (InconsistentStateException)
        {
            await (_conflict ??= ResolveConflictAsync());
            return false;
        }
    }

    private async Task ResolveConflictAsync()
    {
        var generation = Job.Generation;
        await state.ReadStateAsync();
        if (Job.Status.IsTerminal() || Job.Generation > generation)
        {
            Log.CoordinatorSuperseded(logger, JobId, generation, Job.Generation, Job.Status.ToString());
            _retired = true;
            _finished.TrySetResult();
            _timers.Stop();
            DeactivateOnIdle();
            return;
        }

        Log.CoordinatorTookOver(logger, JobId, Job.Generation);
        _machine = NewMachine(Job);
        _conflict = null;
        await ExecuteAsync(_machine.Activate(Now));
    }

    private Task UpdateIndexAsync()
    {
        var snapshot = Snapshot();
        _indexedItems = snapshot.Progress.ItemsDone;
        return _records.UpdateIndexAsync(JobProjection.Summary(snapshot));
    }

    private void StartTimers()
    {
        var limit = options.Value.MaxJobDuration;
        _timers.Start(TickAsync, limit > TimeSpan.Zero ? limit - (Now - (Job.Spec?.SubmittedAt ?? Now)) : null, () => ExecuteAsync(_machine.DeadlinePassed()));
    }

    // Leases, and the job list's progress: at most one index write a second per job, only when items moved.
    private async Task TickAsync()
    {
        await ExecuteAsync(_machine.CheckLeases(Now));
        if (scheduling.Value.Enabled && !_retired)
        {
            _admission.SyncIfStale(Job);
        }
        if (Job.Status == JobStatus.Running && Job.ItemsDone != _indexedItems && !_retired)
        {
            await UpdateIndexAsync();
        }
    }

    private JobMachine NewMachine(JobState job) => new(job, options.Value.Rules with { Admission = scheduling.Value.Enabled }, Silo);

    private JobSnapshot Snapshot() => JobProjection.Snapshot(JobId, Job, Now, Silo);

    private ISegmentGrain SegmentGrain(int index) => GrainFactory.GetGrain<ISegmentGrain>($"{JobId}/{index}");
}
