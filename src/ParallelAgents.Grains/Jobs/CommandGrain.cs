using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Grains.Hosting;

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
    [PersistentState("report", Names.JobStorage)] IPersistentState<ReportState> reportState,
    CommandRegistry registry,
    JobContextFactory contexts,
    ILocalSiloDetails siloDetails,
    IOptions<EngineOptions> options,
    ILogger<CommandGrain> logger) : Grain, ICommandGrain, IRemindable
{
    private const string WatchdogReminder = "watchdog";

    private readonly Dictionary<int, CancellationTokenSource> _attempts = [];
    private readonly HashSet<int> _followed = [];
    private readonly TaskCompletionSource _finished = new();
    private readonly CoalescingWriter _reportWriter = new(() => reportState.WriteStateAsync());
    private readonly CancellationTokenSource _stop = new();
    private CoalescingWriter? _writer;
    private JobMachine _machine = null!;
    private ProgressPublisher _events = null!;
    private Task? _conflict;
    private IGrainTimer? _ticker;
    private IGrainTimer? _deadline;
    private (ReportSection Section, JobResults Results)? _aggregated;
    private bool _planning;
    private bool _aggregating;
    private bool _retired;
    private int _indexedItems = -1;

    private string JobId => this.GetPrimaryKeyString();

    private JobState Job => state.State;

    private string Silo => siloDetails.SiloAddress.ToString();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Names.StreamProvider).GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, JobId));
        _events = new ProgressPublisher(stream, logger, JobId);
        _writer = new CoalescingWriter(() => state.WriteStateAsync());
        _machine = NewMachine(Job);
        if (Job.Spec is not null && !Job.Status.IsTerminal())
        {
            Log.JobResumed(logger, JobId, Job.Status.ToString());
            StartTimers();
            await ExecuteAsync(_machine.Activate(Now));
        }
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobSpec spec)
    {
        if (Job.Spec is not null)
        {
            return Snapshot();
        }

        var effects = _machine.Accept(spec, registry.Get(spec.Command).Descriptor.AgentRole);
        await this.RegisterOrUpdateReminder(WatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
        StartTimers();
        await ExecuteAsync(effects);
        return Snapshot();
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
    public Task<JobReport?> GetReportAsync() => Task.FromResult(reportState.State.Report);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProgressEvent>> GetEventsAsync(long afterSequence) => Task.FromResult(_events.Since(afterSequence));

    /// <inheritdoc />
    public async Task<JobSnapshot?> CancelAsync()
    {
        if (Job.Spec is null)
        {
            return null;
        }

        await ExecuteAsync(_machine.Cancel());
        return Snapshot();
    }

    /// <inheritdoc />
    public Task SegmentStartedAsync(int index, int attempt, string silo) => ExecuteAsync(_machine.SegmentStarted(index, attempt, silo, Now));

    /// <inheritdoc />
    public Task ItemCompletedAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs) =>
        ExecuteAsync(_machine.ItemsCompleted(index, attempt, itemsDone, itemErrors, busyMs, Now));

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }

        if (Job.Spec is null || Job.Status.IsTerminal())
        {
            await UnregisterWatchdogAsync();
            return;
        }

        await ExecuteAsync(_machine.Watchdog(_followed, _planning, _aggregating, Now));
    }

    private async Task ExecuteAsync(IReadOnlyList<JobEffect> effects)
    {
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
                    _events.Publish(JobProjection.Event(JobId, Job, publish, Now, Silo));
                    break;
                case UpdateJobIndex:
                    await UpdateIndexAsync();
                    break;
                case StartPlanning:
                    _ = PlanAsync();
                    break;
                case DispatchSegment dispatch:
                    _ = DispatchAsync(dispatch.Index, dispatch.Attempt);
                    break;
                case ScheduleRetry retry:
                    _ = RetryLaterAsync(retry.Index, retry.Delay);
                    break;
                case RunDegraded degraded:
                    _ = RunDegradedAsync(degraded.Index, degraded.Attempt);
                    break;
                case StopAttempt stop:
                    StopAttempt(stop.Index);
                    break;
                case StopAllSegments:
                    await StopAllAsync();
                    break;
                case AggregateJob:
                    _ = AggregateAsync();
                    break;
                case WriteReport:
                    await WriteReportAsync();
                    break;
                case EndJob:
                    await EndAsync();
                    break;
            }
        }
    }

    private async Task PlanAsync()
    {
        // Let the submitting call return before a possibly long assessment starts.
        await Task.Yield();
        _planning = true;
        IReadOnlyList<JobEffect> next;
        try
        {
            await ExecuteAsync(_machine.PlanningStarted());
            var spec = Job.Spec!;
            var command = registry.Get(spec.Command);
            var context = await contexts.GetAsync(JobId, spec, _stop.Token);
            var assessment = await command.AssessAsync(context, _stop.Token);
            var limit = options.Value.MaxWorkItemsPerJob;
            if (limit > 0 && assessment.Items.Count > limit)
            {
                throw new InvalidOperationException($"The job has {assessment.Items.Count} work items; at most {limit} are allowed (Engine:MaxWorkItemsPerJob).");
            }

            var plan = JobPlanner.Plan(assessment.Items, PoolSettings.Resolve(command.Descriptor.Pool, context.Options), assessment.Strategy ?? command.Descriptor.Strategy);
            Log.JobPlanned(logger, JobId, spec.Command, assessment.Items.Count, plan.Segments.Count);
            next = _machine.Planned(plan.Segments, assessment.Items.Count, assessment.Findings ?? [], assessment.Notes ?? [], Now);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            next = _machine.PlanningFailed(null);
        }
        catch (Exception e)
        {
            Log.JobFailed(logger, e, JobId);
            next = _machine.PlanningFailed(e.Message);
        }
        finally
        {
            _planning = false;
        }

        await ExecuteAsync(next);
    }

    private async Task DispatchAsync(int index, int attempt)
    {
        var segment = Job.Segments[index];
        using var token = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _attempts[index] = token;
        _followed.Add(index);
        IReadOnlyList<JobEffect> next;
        try
        {
            var outcome = await SegmentGrain(index).RunAsync(new SegmentAssignment(JobId, index, segment.Key, attempt, Job.Spec!, segment.Items), token.Token);
            next = outcome.Status == SegmentStatus.Completed ? _machine.SegmentCompleted(outcome) : _machine.AttemptStopped(index, attempt, Now);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            next = _machine.AttemptStopped(index, attempt, Now);
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            var reason = $"{e.GetType().Name}: {Text.FirstLine(e.Message)}";
            Log.SegmentLost(logger, JobId, index, attempt, reason);
            next = _machine.SegmentLost(index, attempt, reason, Now);
        }
        catch (Exception e)
        {
            Log.SegmentFailed(logger, e, JobId, index, attempt);
            next = _machine.SegmentFaulted(index, attempt, $"{e.GetType().Name}: {Text.FirstLine(e.Message)}", new Random(HashCode.Combine(JobId, index, attempt)), Now);
        }
        finally
        {
            Unfollow(index, token);
        }

        await ExecuteAsync(next);
    }

    private async Task RunDegradedAsync(int index, int attempt)
    {
        await Task.Yield();
        var segment = Job.Segments[index];
        Log.SegmentDegraded(logger, JobId, index, segment.DispatchFailures);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _attempts[index] = token;
        _followed.Add(index);
        IReadOnlyList<JobEffect> next;
        try
        {
            var spec = Job.Spec!;
            var context = await contexts.GetAsync(JobId, spec, token.Token);
            var outcome = await DegradedRunner.RunAsync(
                SegmentGrain(index),
                registry.Get(spec.Command),
                context,
                new SegmentAssignment(JobId, index, segment.Key, attempt, spec, segment.Items),
                Silo,
                (done, errors, busy) => ExecuteAsync(_machine.ItemsCompleted(index, attempt, done, errors, busy, Now)),
                token.Token);
            next = outcome.Status == SegmentStatus.Completed ? _machine.SegmentCompleted(outcome) : _machine.AttemptStopped(index, attempt, Now);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            next = _machine.AttemptStopped(index, attempt, Now);
        }
        catch (Exception e)
        {
            Log.SegmentFailed(logger, e, JobId, index, attempt);
            next = _machine.SegmentFaulted(index, attempt, $"{e.GetType().Name}: {Text.FirstLine(e.Message)}", new Random(HashCode.Combine(JobId, index, attempt)), Now);
        }
        finally
        {
            Unfollow(index, token);
        }

        await ExecuteAsync(next);
    }

    private async Task RetryLaterAsync(int index, TimeSpan delay)
    {
        _followed.Add(index);
        try
        {
            await Task.Delay(delay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the machine cancels the segment.
        }

        _followed.Remove(index);
        await ExecuteAsync(_machine.RetryDue(index, Now));
    }

    private async Task AggregateAsync()
    {
        await Task.Yield();
        _aggregating = true;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var spec = Job.Spec!;
            var read = await LedgerReader.ReadAsync(Job, SegmentGrain);
            var results = read.Results.Select(r => r.Result).ToArray();
            string? error = null;
            ReportSection section;
            try
            {
                var context = await contexts.GetAsync(JobId, spec, CancellationToken.None);
                section = await registry.Get(spec.Command).AggregateAsync(context, results, CancellationToken.None);
            }
            catch (Exception e)
            {
                error = $"Aggregation failed: {Text.FirstLine(e.Message)}";
                section = new ReportSection([.. results.SelectMany(r => r.Findings)], []);
            }

            _aggregated = (section with { Findings = [.. Job.AssessmentFindings, .. section.Findings] }, read);
            var itemErrors = results.Count(r => r.Error is not null);
            await ExecuteAsync(_machine.Finish(read.CountsBySegment, itemErrors, read.Problems, error, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Now));
            Log.JobEnded(logger, JobId, Job.Status.ToString(), Snapshot().Metrics.WallMs);
        }
        finally
        {
            _aggregating = false;
        }
    }

    private async Task WriteReportAsync()
    {
        var (section, read) = _aggregated!.Value;
        reportState.State.Report = ReportBuilder.Build(Snapshot(), Job.AgentRole, section, JobProjection.SegmentReports(Job), read.Results, JobProjection.ReportNotes(Job));
        try
        {
            await _reportWriter.WriteAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this job stored its report first: both come from the same ledgers.
            await reportState.ReadStateAsync();
        }
    }

    private async Task EndAsync()
    {
        await _events.DrainAsync();
        _finished.TrySetResult();
        StopTimers();
        await UnregisterWatchdogAsync();
    }

    private void StopAttempt(int index)
    {
        Log.LeaseExpired(logger, JobId, index, options.Value.SegmentLease);
        if (_attempts.TryGetValue(index, out var attempt))
        {
            attempt.Cancel();
        }

        _ = SafeCancelSegmentAsync(index);
    }

    private async Task StopAllAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(Job.Segments.Where(s => s.IsInFlight && !s.Degraded).Select(s => SafeCancelSegmentAsync(s.Index)));
    }

    private async Task SafeCancelSegmentAsync(int index)
    {
        try
        {
            await SegmentGrain(index).CancelAsync();
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            // A lost segment has nothing left to cancel.
        }
    }

    // The state is fenced by the job's generation: a conflicting write means another activation of this job wrote
    // (Orleans can briefly run two after a silo is declared dead). Never overwrite it: re-read, then step down if that
    // activation took the job over or finished it, and otherwise take the stored state over and carry on from it.
    private async Task<bool> PersistAsync()
    {
        try
        {
            await _writer!.WriteAsync();
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
            StopTimers();
            DeactivateOnIdle();
            return;
        }

        Log.CoordinatorTookOver(logger, JobId, Job.Generation);
        _machine = NewMachine(Job);
        _conflict = null;
        await ExecuteAsync(_machine.Activate(Now));
    }

    private async Task UpdateIndexAsync()
    {
        var snapshot = Snapshot();
        _indexedItems = snapshot.Progress.ItemsDone;
        try
        {
            await GrainFactory.GetGrain<IJobIndexGrain>(0).UpsertAsync(JobProjection.Summary(snapshot));
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            // The job list catches up at the next change; the job's own state is the truth.
            Log.IndexUpdateFailed(logger, e, JobId);
        }
    }

    private void StartTimers()
    {
        _ticker ??= this.RegisterGrainTimer(
            static (self, _) => self.TickAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true, KeepAlive = true });
        var limit = options.Value.MaxJobDuration;
        if (limit > TimeSpan.Zero && _deadline is null)
        {
            var left = limit - (Now - (Job.Spec?.SubmittedAt ?? Now));
            _deadline = this.RegisterGrainTimer(
                static (self, _) => self.ExecuteAsync(self._machine.DeadlinePassed()),
                this,
                new GrainTimerCreationOptions(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
    }

    private void StopTimers()
    {
        _ticker?.Dispose();
        _ticker = null;
        _deadline?.Dispose();
        _deadline = null;
    }

    // Leases, and the job list's progress: at most one index write a second per job, only when items moved.
    private async Task TickAsync()
    {
        await ExecuteAsync(_machine.CheckLeases(Now));
        if (Job.Status == JobStatus.Running && Job.ItemsDone != _indexedItems && !_retired)
        {
            await UpdateIndexAsync();
        }
    }

    private void Unfollow(int index, CancellationTokenSource token)
    {
        if (_attempts.TryGetValue(index, out var current) && current == token)
        {
            _attempts.Remove(index);
            _followed.Remove(index);
        }
    }

    private async Task UnregisterWatchdogAsync()
    {
        var reminder = await this.GetReminder(WatchdogReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private JobMachine NewMachine(JobState job)
    {
        var o = options.Value;
        return new JobMachine(job, new JobRules(o.RetryPolicy, o.MaxReassignments, o.DegradeAfterDispatchFailures, o.SegmentLease, o.MaxJobDuration), Silo);
    }

    private JobSnapshot Snapshot() => JobProjection.Snapshot(JobId, Job, Now, Silo);

    private ISegmentGrain SegmentGrain(int index) => GrainFactory.GetGrain<ISegmentGrain>($"{JobId}/{index}");
}
