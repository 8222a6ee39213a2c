using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Metrics;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Workers;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// One job. Plans it, dispatches one SegmentGrain call per segment, records outcomes, retries and reassigns lost
/// segments, and aggregates the report. Reentrant so that progress reports and status reads interleave with the
/// long dispatch calls; all state changes happen on the grain's single thread.
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
    private const int EventWindow = 512;

    private readonly Dictionary<int, CancellationTokenSource> _attempts = [];
    private readonly EngineOptions _options = options.Value;
    private readonly Queue<ProgressEvent> _recent = new();
    private readonly Queue<ProgressEvent> _outbox = new();
    private readonly Dictionary<int, long> _latestQueued = [];
    private Task? _pump;

    // Results that came back with a completed segment's outcome in this activation; others are fetched from the ledger.
    private readonly Dictionary<int, IReadOnlyList<ItemResult>> _delivered = [];
    private readonly TaskCompletionSource _finished = new();
    private readonly CoalescingWriter _jobWriter = new(() => WriteJobStateAsync(state));
    private readonly CoalescingWriter _reportWriter = new(() => reportState.WriteStateAsync());
    private CancellationTokenSource _jobCancellation = new();
    private Task? _run;
    private IAsyncStream<ProgressEvent>? _stream;
    private IGrainTimer? _leaseTimer;
    private CancellationTokenSource? _deadline;
    private volatile bool _timedOut;

    private string JobId => this.GetPrimaryKeyString();

    private JobState Job => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stream = this.GetStreamProvider(Names.StreamProvider)
            .GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, JobId));
        if (Job.Spec is not null && !Job.Status.IsTerminal())
        {
            Log.JobResumed(logger, JobId, Job.Status.ToString());
            StartRun();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobSpec spec)
    {
        if (Job.Spec is not null)
        {
            return Snapshot();
        }

        var command = registry.Get(spec.Command);
        Job.Spec = spec;
        Job.Status = JobStatus.Pending;
        Job.CreatedAt = spec.SubmittedAt;
        Job.AgentRole = command.Descriptor.AgentRole;
        await WriteAsync();
        await this.RegisterOrUpdateReminder(WatchdogReminder, _options.WatchdogPeriod, _options.WatchdogPeriod);
        await UpdateIndexAsync();
        StartRun();
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
    public Task<IReadOnlyList<ProgressEvent>> GetEventsAsync(long afterSequence) =>
        Task.FromResult<IReadOnlyList<ProgressEvent>>([.. _recent.Where(e => e.Sequence > afterSequence)]);

    /// <inheritdoc />
    public async Task<JobSnapshot?> CancelAsync()
    {
        if (Job.Spec is null)
        {
            return null;
        }

        if (Job.Status.IsTerminal() || Job.CancelRequested)
        {
            return Snapshot();
        }

        Job.CancelRequested = true;
        await WriteAsync();
        await _jobCancellation.CancelAsync();

        // The token reaches running calls; the explicit cancel also reaches a segment activated after a restart.
        var running = Job.Segments.Where(s => !s.IsFinished && s.Attempt > 0).ToArray();
        await Task.WhenAll(running.Select(s => SafeCancelSegmentAsync(s.Index)));
        StartRun();
        return Snapshot();
    }

    /// <inheritdoc />
    public Task SegmentStartedAsync(int index, int attempt, string silo)
    {
        if (!TryGetSegment(index, out var segment) || attempt != segment.Attempt || segment.IsFinished)
        {
            return Task.CompletedTask;
        }

        segment.Status = SegmentStatus.Running;
        segment.Silo = silo;
        if (!segment.Silos.Contains(silo))
        {
            segment.Silos.Add(silo);
        }

        segment.FirstStartedAt ??= DateTimeOffset.UtcNow;
        segment.LastProgressAt = DateTimeOffset.UtcNow;
        Publish(ProgressEventKind.SegmentStarted, index, $"attempt {attempt} on {silo}");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ItemCompletedAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs)
    {
        if (!TryGetSegment(index, out var segment) || segment.IsFinished || attempt < segment.Attempt - 1)
        {
            return;
        }

        // The ledger count is authoritative whatever attempt reports it: progress only moves forward.
        if (itemsDone <= segment.ItemsDone && attempt != segment.Attempt)
        {
            return;
        }

        segment.ItemsDone = Math.Max(segment.ItemsDone, itemsDone);
        segment.ItemErrors = Math.Max(segment.ItemErrors, itemErrors);
        segment.BusyMs = Math.Max(segment.BusyMs, busyMs);
        segment.LastProgressAt = DateTimeOffset.UtcNow;
        Publish(ProgressEventKind.ItemCompleted, index, null);
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return Task.CompletedTask;
        }

        if (Job.Spec is null || Job.Status.IsTerminal())
        {
            return UnregisterWatchdogAsync();
        }

        StartRun();
        return Task.CompletedTask;
    }

    private void StartRun()
    {
        if (_run is { IsCompleted: false })
        {
            return;
        }

        if (_jobCancellation.IsCancellationRequested && !Job.CancelRequested)
        {
            _jobCancellation = new CancellationTokenSource();
        }

        if (Job.CancelRequested && !_jobCancellation.IsCancellationRequested)
        {
            _jobCancellation.Cancel();
        }

        if (_options.MaxJobDuration > TimeSpan.Zero && _deadline is null)
        {
            var left = _options.MaxJobDuration - (DateTimeOffset.UtcNow - Job.CreatedAt);
            _deadline = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            var job = _jobCancellation;
            _deadline.Token.Register(() =>
            {
                if (!job.IsCancellationRequested)
                {
                    _timedOut = true;
                    job.Cancel();
                }
            });
        }

        _leaseTimer ??= this.RegisterGrainTimer(
            static (self, _) => self.CheckLeasesAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true, KeepAlive = true });
        _run = RunAsync();
    }

    private async Task RunAsync()
    {
        // Let the submitting call return before a possibly long assessment starts.
        await Task.Yield();
        var spec = Job.Spec!;
        try
        {
            var command = registry.Get(spec.Command);
            var context = await contexts.GetAsync(JobId, spec, _jobCancellation.Token);
            if (!Job.Planned)
            {
                await PlanAsync(command, context);
            }
            else
            {
                NoteInterruptedAttempts();
            }

            await Task.WhenAll(Job.Segments.Where(s => !s.IsFinished).Select(s => RunSegmentAsync(s)));
            await FinishAsync(command, context, null);
        }
        catch (Exception e)
        {
            if (_jobCancellation.IsCancellationRequested && e is OperationCanceledException)
            {
                await FinishAsync(registry.Get(spec.Command), null, null);
                return;
            }

            Log.JobFailed(logger, e, JobId);
            await FinishAsync(registry.TryGet(spec.Command, out var c) ? c : null, null, e.Message);
        }
    }

    private async Task PlanAsync(IAgentCommand command, CommandContext context)
    {
        Job.Status = JobStatus.Planning;
        var assessment = await command.AssessAsync(context, _jobCancellation.Token);
        if (_options.MaxWorkItemsPerJob > 0 && assessment.Items.Count > _options.MaxWorkItemsPerJob)
        {
            throw new InvalidOperationException(
                $"The job has {assessment.Items.Count} work items; at most {_options.MaxWorkItemsPerJob} are allowed (Engine:MaxWorkItemsPerJob).");
        }

        var settings = PoolSettings.Resolve(command.Descriptor.Pool, context.Options);
        var plan = JobPlanner.Plan(assessment.Items, settings, assessment.Strategy ?? command.Descriptor.Strategy);
        Job.Segments = plan.Segments
            .Select(s => new SegmentRecord { Index = s.Index, Key = s.Key, Items = [.. s.Items], Cost = s.Cost })
            .ToList();
        Job.ItemsTotal = assessment.Items.Count;
        Job.AssessmentFindings = [.. assessment.Findings ?? []];
        Job.Notes.AddRange(assessment.Notes ?? []);
        Job.Planned = true;
        Job.Status = JobStatus.Running;
        Job.DispatchedAt = DateTimeOffset.UtcNow;
        await WriteAsync();
        Log.JobPlanned(logger, JobId, command.Descriptor.Name, Job.ItemsTotal, Job.Segments.Count);
        Publish(ProgressEventKind.Planned, null, $"{Job.ItemsTotal} item(s) in {Job.Segments.Count} segment(s)");
    }

    private async Task RunSegmentAsync(SegmentRecord segment)
    {
        var random = new Random(HashCode.Combine(JobId, segment.Index, segment.Attempt));
        while (!segment.IsFinished)
        {
            if (_jobCancellation.IsCancellationRequested)
            {
                segment.Status = SegmentStatus.Cancelled;
                break;
            }

            if (segment.Degraded)
            {
                await RunDegradedAsync(segment);
                break;
            }

            segment.Attempt++;
            segment.LastProgressAt = DateTimeOffset.UtcNow;
            if (segment.Attempt > 1)
            {
                // First attempts go out right after the plan is stored; a retry's number is stored before it is sent.
                // Should the coordinator die first, a resumed one re-sends an attempt, and ledgers merge by item id.
                await WriteAsync();
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_jobCancellation.Token);
            _attempts[segment.Index] = attempt;
            var assignment = new SegmentAssignment(JobId, segment.Index, segment.Key, segment.Attempt, Job.Spec!, segment.Items);
            try
            {
                var outcome = await SegmentGrain(segment.Index).RunAsync(assignment, attempt.Token);
                if (outcome.Attempt != segment.Attempt)
                {
                    continue;
                }

                segment.ItemsDone = outcome.ItemsDone;
                segment.ItemErrors = outcome.ItemErrors;
                segment.BusyMs = outcome.BusyMs;
                segment.DispatchFailures = 0;
                if (outcome.Silo is { } silo && !segment.Silos.Contains(silo))
                {
                    segment.Silos.Add(silo);
                }

                segment.Status = outcome.Status == SegmentStatus.Completed ? SegmentStatus.Completed : SegmentStatus.Cancelled;
                if (outcome.Results is { } results)
                {
                    _delivered[segment.Index] = results;
                }

                if (segment.Status == SegmentStatus.Cancelled && !_jobCancellation.IsCancellationRequested)
                {
                    // Stopped by a lease expiry (or a stray cancel): it is treated as lost and dispatched again.
                    segment.Reassignments++;
                    segment.DispatchFailures++;
                    var why = attempt.IsCancellationRequested ? $"no progress within the lease of {_options.SegmentLease}" : "stopped without being asked";
                    segment.Failures.Add($"attempt {segment.Attempt} on {segment.Silo ?? "?"} lost: {why}");
                    Log.SegmentLost(logger, JobId, segment.Index, segment.Attempt, why);
                    segment.Status = SegmentStatus.Reassigned;
                    MaybeDegrade(segment);
                    Publish(ProgressEventKind.SegmentReassigned, segment.Index, why);
                    await WriteAsync();
                    continue;
                }

                Publish(ProgressEventKind.SegmentCompleted, segment.Index, null);
            }
            catch (Exception) when (_jobCancellation.IsCancellationRequested)
            {
                segment.Status = SegmentStatus.Cancelled;
            }
            catch (Exception e) when (IsInstanceLoss(e) || attempt.IsCancellationRequested)
            {
                segment.Reassignments++;
                segment.DispatchFailures++;
                var reason = attempt.IsCancellationRequested ? $"no progress within the lease of {_options.SegmentLease}" : $"{e.GetType().Name}: {FirstLine(e.Message)}";
                segment.Failures.Add($"attempt {segment.Attempt} on {segment.Silo ?? "?"} lost: {reason}");
                Log.SegmentLost(logger, JobId, segment.Index, segment.Attempt, reason);
                if (segment.Reassignments > _options.MaxReassignments)
                {
                    segment.Status = SegmentStatus.Failed;
                    segment.Error = $"Lost its instance {segment.Reassignments} times; last: {reason}";
                    Publish(ProgressEventKind.SegmentFailed, segment.Index, segment.Error);
                }
                else
                {
                    segment.Status = SegmentStatus.Reassigned;
                    MaybeDegrade(segment);
                    Publish(ProgressEventKind.SegmentReassigned, segment.Index, reason);
                }
            }
            catch (Exception e)
            {
                segment.ErrorFailures++;
                segment.DispatchFailures++;
                segment.Failures.Add($"attempt {segment.Attempt} failed: {e.GetType().Name}: {FirstLine(e.Message)}");
                if (!_options.RetryPolicy.ShouldRetry(segment.ErrorFailures))
                {
                    segment.Status = SegmentStatus.Failed;
                    segment.Error = FirstLine(e.Message);
                    Publish(ProgressEventKind.SegmentFailed, segment.Index, segment.Error);
                }
                else
                {
                    var delay = _options.RetryPolicy.DelayAfter(segment.ErrorFailures, random);
                    Log.SegmentRetrying(logger, e, JobId, segment.Index, segment.Attempt, delay.TotalMilliseconds);
                    segment.Status = SegmentStatus.Retrying;
                    MaybeDegrade(segment);
                    Publish(ProgressEventKind.SegmentRetrying, segment.Index, $"retry in {delay.TotalMilliseconds:0} ms: {FirstLine(e.Message)}");
                    try
                    {
                        await Task.Delay(delay, _jobCancellation.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        segment.Status = SegmentStatus.Cancelled;
                    }
                }
            }
            finally
            {
                _attempts.Remove(segment.Index);
            }

            await WriteAsync();
        }
    }

    // Resuming from persisted state: attempts that were in flight when the coordinator went away are re-dispatched;
    // record that as a reassignment so the report shows what moved.
    private void NoteInterruptedAttempts()
    {
        var silo = siloDetails.SiloAddress.ToString();
        // Every unfinished segment of a planned job was dispatched; a first attempt may not have been stored yet.
        foreach (var segment in Job.Segments.Where(s => !s.IsFinished))
        {
            segment.Attempt = Math.Max(segment.Attempt, 1);
            segment.Reassignments++;
            segment.Status = SegmentStatus.Reassigned;
            segment.Failures.Add($"attempt {segment.Attempt} on {segment.Silo ?? "?"} interrupted: the job's coordinator resumed on {silo}");
        }
    }

    private void MaybeDegrade(SegmentRecord segment)
    {
        if (segment.DispatchFailures >= _options.DegradeAfterDispatchFailures && !segment.Degraded)
        {
            segment.Degraded = true;
            Job.Degraded = true;
            Log.SegmentDegraded(logger, JobId, segment.Index, segment.DispatchFailures);
            Job.Notes.Add($"Degraded: instance {segment.Index} ({segment.Key}) could not be dispatched {segment.DispatchFailures} times; its remaining items ran sequentially on the coordinating silo.");
        }
    }

    // Graceful degradation: the pool cannot run this segment, so its remaining items run one after another here.
    private async Task RunDegradedAsync(SegmentRecord segment)
    {
        Publish(ProgressEventKind.Degraded, segment.Index, "remaining items run sequentially");
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in await TryGetSegmentResultsAsync(segment))
        {
            done.Add(result.ItemId);
        }

        foreach (var result in Job.DegradedResults)
        {
            done.Add(result.ItemId);
        }

        var command = registry.Get(Job.Spec!.Command);
        var context = await contexts.GetAsync(JobId, Job.Spec, _jobCancellation.Token);
        var silo = siloDetails.SiloAddress.ToString();
        if (!segment.Silos.Contains(silo))
        {
            segment.Silos.Add(silo);
        }

        foreach (var item in segment.Items.Where(i => !done.Contains(i.Id)))
        {
            if (_jobCancellation.IsCancellationRequested)
            {
                segment.Status = SegmentStatus.Cancelled;
                return;
            }

            ItemResult result;
            try
            {
                result = await ItemRunner.RunAsync(command, context, item, _jobCancellation.Token);
            }
            catch (TransientWorkException e)
            {
                // Nowhere left to retry it: the item's error is reported and the rest goes on.
                result = new ItemResult(item.Id, [], null, 0, $"{nameof(TransientWorkException)}: {e.Message}");
            }

            Job.DegradedResults.Add(result with { Attempt = segment.Attempt, Silo = silo });
            segment.ItemsDone = Math.Min(segment.Items.Count, segment.ItemsDone + 1);
            segment.ItemErrors += result.Error is null ? 0 : 1;
            segment.BusyMs += result.DurationMs;
            await WriteAsync();
            Publish(ProgressEventKind.ItemCompleted, segment.Index, null);
        }

        segment.Status = SegmentStatus.Completed;
        Publish(ProgressEventKind.SegmentCompleted, segment.Index, "completed sequentially");
    }

    private async Task FinishAsync(IAgentCommand? command, CommandContext? context, string? error)
    {
        if (Job.Status.IsTerminal())
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var collected = new List<(string Key, ItemResult Result)>();
        var notes = new List<string>();
        var fetched = await Task.WhenAll(Job.Segments.Where(s => s.Attempt > 0 || s.Degraded).Select(async s => (s.Key, Results: await TryGetSegmentResultsAsync(s))));
        collected.AddRange(fetched.SelectMany(f => f.Results.Select(r => (f.Key, r))));

        var keyOf = Job.Segments.SelectMany(s => s.Items.Select(i => (i.Id, s.Key))).ToDictionary(x => x.Id, x => x.Key, StringComparer.Ordinal);
        collected.AddRange(Job.DegradedResults.Select(r => (keyOf.GetValueOrDefault(r.ItemId, "?"), r)));

        // At-least-once execution, exactly-once results: one result per item id.
        var results = collected.DistinctBy(r => r.Result.ItemId, StringComparer.Ordinal).ToArray();
        var perSegment = results.CountBy(r => r.Key).ToDictionary(StringComparer.Ordinal);
        foreach (var segment in Job.Segments)
        {
            segment.ItemsDone = Math.Max(segment.ItemsDone, perSegment.GetValueOrDefault(segment.Key));
        }

        ReportSection section;
        if (command is null)
        {
            section = new ReportSection([], []);
        }
        else
        {
            try
            {
                context ??= await contexts.GetAsync(JobId, Job.Spec!, CancellationToken.None);
                section = await command.AggregateAsync(context, results.Select(r => r.Result).ToArray(), CancellationToken.None);
            }
            catch (Exception e)
            {
                error ??= $"Aggregation failed: {FirstLine(e.Message)}";
                section = new ReportSection(results.SelectMany(r => r.Result.Findings).ToArray(), []);
            }
        }

        section = section with { Findings = [.. Job.AssessmentFindings, .. section.Findings] };
        if (_timedOut)
        {
            error ??= $"The job exceeded its run time limit of {_options.MaxJobDuration}.";
        }

        var itemErrors = results.Count(r => r.Result.Error is not null);
        Job.Status = error is not null ? JobStatus.Failed
            : Job.CancelRequested ? JobStatus.Cancelled
            : Job.Segments.Any(s => s.Status == SegmentStatus.Failed) || itemErrors > 0 ? JobStatus.CompletedWithErrors
            : JobStatus.Completed;
        Job.Error = error;
        Job.CompletedAt = DateTimeOffset.UtcNow;
        Job.AggregationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error is not null)
        {
            notes.Add($"Job failed: {error}");
        }

        if (Job.CancelRequested)
        {
            notes.Add("The job was cancelled; the report holds the results finished before cancellation.");
        }

        var segmentReports = Job.Segments.Select(s => new SegmentReport(
            s.Index, s.Key, s.Status, s.Items.Count, s.ItemErrors, s.Attempt, [.. s.Silos], s.Reassignments, s.BusyMs, [.. s.Failures])).ToArray();
        var snapshot = Snapshot();
        reportState.State.Report = ReportBuilder.Build(snapshot, Job.AgentRole, section, segmentReports, results, [.. notes, .. Job.Notes]);
        await WriteReportAsync();
        await WriteAsync();
        Log.JobEnded(logger, JobId, Job.Status.ToString(), snapshot.Metrics.WallMs);
        Publish(ProgressEventKind.JobCompleted, null, Job.Error);
        await DrainEventsAsync();
        _finished.TrySetResult();
        await UpdateIndexAsync();
        await UnregisterWatchdogAsync();
        _leaseTimer?.Dispose();
        _leaseTimer = null;
        _deadline?.Dispose();
    }

    private async Task<IReadOnlyList<ItemResult>> TryGetSegmentResultsAsync(SegmentRecord segment)
    {
        if (segment.Status == SegmentStatus.Completed && _delivered.TryGetValue(segment.Index, out var delivered))
        {
            return delivered;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SegmentGrain(segment.Index).GetResultsAsync();
            }
            catch (Exception e) when (attempt < 5 && (IsInstanceLoss(e) || e is TimeoutException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception e)
            {
                Job.Notes.Add($"Results of instance {segment.Index} ({segment.Key}) could not be read: {FirstLine(e.Message)}");
                return [];
            }
        }
    }

    private Task CheckLeasesAsync()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var segment in Job.Segments.Where(s => !s.IsFinished && s.LastProgressAt is not null))
        {
            if (now - segment.LastProgressAt!.Value > _options.SegmentLease && _attempts.TryGetValue(segment.Index, out var attempt))
            {
                segment.LastProgressAt = now;
                attempt.Cancel();
                _ = SafeCancelSegmentAsync(segment.Index);
            }
        }

        return Task.CompletedTask;
    }

    private async Task SafeCancelSegmentAsync(int index)
    {
        try
        {
            await SegmentGrain(index).CancelAsync();
        }
        catch (Exception e) when (IsInstanceLoss(e) || e is TimeoutException)
        {
            // A lost segment has nothing left to cancel.
        }
    }

    private JobSnapshot Snapshot()
    {
        var (progress, instances) = Progress();
        var timings = Timings();
        var metrics = MetricsCalculator.Compute(timings, Job.DispatchedAt, Job.CompletedAt ?? DateTimeOffset.UtcNow, Job.AggregationMs);
        return new JobSnapshot(JobId, Job.Spec!.Command, Job.Status, Job.CreatedAt, Job.DispatchedAt, Job.CompletedAt, instances, progress, metrics, Job.Error, Job.Degraded, Job.Spec.Owner)
        {
            Coordinator = siloDetails.SiloAddress.ToString(),
        };
    }

    private (ProgressSummary Progress, IReadOnlyList<InstanceSnapshot> Instances) Progress()
    {
        var timings = Timings();
        var etas = ProgressEstimator.SegmentEtas(timings);
        var instances = Job.Segments.Select(s => new InstanceSnapshot(
            s.Index, s.Key, s.Status, s.ItemsDone, s.Items.Count, s.Attempt, s.Silo, Math.Round(s.BusyMs, 3),
            etas.GetValueOrDefault(s.Index) is { } eta ? Math.Round(eta, 2) : null, s.Error)).ToArray();
        var progress = Job.Planned ? ProgressEstimator.Summarize(timings, Job.Status.IsTerminal()) : ProgressSummary.Empty with { ItemsTotal = Job.ItemsTotal };
        return (progress, instances);
    }

    private SegmentTiming[] Timings() =>
        [.. Job.Segments.Select(s => new SegmentTiming(s.Index, s.Key, s.Status, s.ItemsDone, s.Items.Count, s.BusyMs, s.FirstStartedAt, s.Cost))];

    // Events are stamped and queued on the grain's thread, then sent in order by one pump, so the job's own work
    // never waits on the stream; an item event already superseded by a newer event of its instance is not sent
    // (the replay window keeps every event).
    private void Publish(ProgressEventKind kind, int? segment, string? message)
    {
        Job.Sequence++;
        var full = kind is ProgressEventKind.Planned or ProgressEventKind.Degraded or ProgressEventKind.JobCompleted;
        var (progress, instances) = Progress();
        var @event = new ProgressEvent(
            JobId,
            Job.Sequence,
            kind,
            DateTimeOffset.UtcNow,
            segment,
            message,
            Job.Status,
            progress,
            segment is { } i && i < instances.Count ? instances[i] : null,
            full ? Snapshot() : null);
        _recent.Enqueue(@event);
        if (_recent.Count > EventWindow)
        {
            _recent.Dequeue();
        }

        _outbox.Enqueue(@event);
        if (segment is { } index)
        {
            _latestQueued[index] = @event.Sequence;
        }

        if (_pump is null || _pump.IsCompleted)
        {
            _pump = PumpEventsAsync();
        }
    }

    private async Task PumpEventsAsync()
    {
        while (_outbox.TryDequeue(out var @event))
        {
            if (@event.Kind == ProgressEventKind.ItemCompleted && @event.SegmentIndex is { } index
                && _latestQueued.TryGetValue(index, out var latest) && latest > @event.Sequence)
            {
                continue;
            }

            try
            {
                await _stream!.OnNextAsync(@event);
            }
            catch (Exception e)
            {
                // Progress is advisory: the persisted state is the truth, so a lost event never fails the job.
                Log.PublishFailed(logger, e, JobId);
            }
        }
    }

    private async Task DrainEventsAsync()
    {
        while (_pump is { IsCompleted: false } pump)
        {
            await pump;
        }
    }

    private async Task UpdateIndexAsync()
    {
        var s = Snapshot();
        await GrainFactory.GetGrain<IJobIndexGrain>(0).UpsertAsync(
            new JobSummary(s.Id, s.Command, s.Status, s.CreatedAt, s.CompletedAt, s.Instances.Count, s.Metrics.Speedup, s.Owner));
    }

    private async Task UnregisterWatchdogAsync()
    {
        var reminder = await this.GetReminder(WatchdogReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private Task WriteAsync() => _jobWriter.WriteAsync();

    // A conflicting ETag means another activation of this job wrote after us (a brief overlap after a silo was
    // declared dead). Never overwrite it: re-read, and leave the job to whichever activation holds the newer state.
    private static async Task WriteJobStateAsync(IPersistentState<JobState> target)
    {
        try
        {
            await target.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await target.ReadStateAsync();
            throw;
        }
    }

    private Task WriteReportAsync() => _reportWriter.WriteAsync();

    private bool TryGetSegment(int index, out SegmentRecord segment)
    {
        segment = index >= 0 && index < Job.Segments.Count ? Job.Segments[index] : null!;
        return segment is not null;
    }

    private ISegmentGrain SegmentGrain(int index) => GrainFactory.GetGrain<ISegmentGrain>($"{JobId}/{index}");

    private static bool IsInstanceLoss(Exception e) => ClusterFaults.IsInstanceLoss(e);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
