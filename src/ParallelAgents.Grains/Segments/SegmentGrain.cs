using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Placement;
using ParallelAgents.Grains.Workers;

namespace ParallelAgents.Grains.Segments;

/// <summary>
/// One agent instance. Spread placement puts a job's segments evenly over the silos; runs its items on the
/// local worker pool and checkpoints results before reporting them, so a new attempt resumes where the last stopped.
/// </summary>
[SpreadPlacement]
public sealed class SegmentGrain(
    ILocalSiloDetails siloDetails,
    IOptions<EngineOptions> options,
    RunningSegments running,
    ParallelAgentsMetrics metrics,
    ILogger<SegmentGrain> logger) : Grain, ISegmentGrain
{
    private CancellationTokenSource? _running;
    private SegmentLedgerStore _ledger = null!;

    private SegmentLedger Book => _ledger.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new SegmentLedgerStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Names.SegmentStorage), this.GetGrainId());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SegmentOutcome> RunAsync(SegmentAssignment assignment, CancellationToken cancellationToken = default)
    {
        // The hint that placed this segment must not place the local worker pool elsewhere.
        PlacementHint.Clear();
        var silo = siloDetails.SiloAddress.ToString();
        if (assignment.Attempt <= 1)
        {
            _ledger.StartEmpty();
        }
        else
        {
            await _ledger.LoadAsync();
        }

        if (assignment.Attempt < Book.Attempt)
        {
            Log.StaleAttempt(logger, assignment.JobId, assignment.Index, assignment.Attempt, Book.Attempt);
            return Outcome(assignment, SegmentStatus.Failed, silo, $"Attempt {assignment.Attempt} is stale; attempt {Book.Attempt} owns the segment.", 0);
        }

        // The attempt is stored with the first checkpoint: until then there is nothing to fence, and a write that
        // conflicts with another activation's merges by item id.
        Book.JobId = assignment.JobId;
        Book.Index = assignment.Index;
        Book.Attempt = assignment.Attempt;

        using var scope = logger.BeginScope(new Dictionary<string, object>(StringComparer.Ordinal) { ["JobId"] = assignment.JobId, ["Segment"] = assignment.Index, ["Attempt"] = assignment.Attempt });
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running = run;
        var command = assignment.Spec.Command;
        using var activity = JobTelemetry.Start(JobTelemetry.SegmentSpan, assignment.TraceParent, assignment.JobId, command);
        activity?.SetTag(JobTelemetry.SegmentAttribute, assignment.Index);
        activity?.SetTag(JobTelemetry.SegmentKeyAttribute, assignment.Key);
        activity?.SetTag(JobTelemetry.AttemptAttribute, assignment.Attempt);
        activity?.SetTag(JobTelemetry.SiloAttribute, silo);
        metrics.SegmentStarted(command, assignment.SentAt is { } sent ? DateTimeOffset.UtcNow - sent : null);
        var job = GrainFactory.GetGrain<ICommandGrain>(assignment.JobId);
        var worker = GrainFactory.GetGrain<IAgentWorkerGrain>(0);
        var resumed = assignment.Items.Count(i => Book.Results.ContainsKey(i.Id));
        await NotifyAsync(() => job.SegmentStartedAsync(assignment.Index, assignment.Attempt, silo));
        // A metered job (it has a budget) is asked before every item, so the checkpoint is not batched.
        var interval = assignment.Metered ? TimeSpan.Zero : options.Value.CheckpointInterval;
        var hold = assignment.Hold;
        var lastCheckpoint = Stopwatch.GetTimestamp();
        var unsaved = 0;
        try
        {
            foreach (var item in assignment.Items)
            {
                if (Book.Results.ContainsKey(item.Id))
                {
                    continue;
                }

                run.Token.ThrowIfCancellationRequested();
                if (assignment.Metered && hold is null)
                {
                    hold = await AskAsync(() => job.ItemStartingAsync(assignment.Index, assignment.Attempt, Done(assignment), Book.ItemErrors, Book.BusyMs, Book.Usage));
                }

                if (hold is not null)
                {
                    Book.Results[item.Id] = new ItemResult(item.Id, [], null, 0, hold) { NotRun = true, Attempt = assignment.Attempt, Silo = silo };
                    metrics.ItemCompleted(command, Book.Results[item.Id]);
                    unsaved++;
                    if (Done(assignment) == assignment.Items.Count)
                    {
                        await SaveAsync();
                        unsaved = 0;
                    }

                    continue;
                }

                // The worker runs on this silo and links its token to this segment's (see RunningSegments), so
                // cancelling stops the executor itself, not only the wait for it.
                ItemResult result;
                using (var itemActivity = ItemRunner.StartSpan(assignment, item, silo))
                using (running.Register(assignment.JobId, item.Id, run))
                {
                    result = await worker.ExecuteAsync(assignment.JobId, assignment.Spec, item, run.Token).WaitAsync(run.Token);
                    ItemRunner.Finish(itemActivity, result);
                }

                metrics.ItemCompleted(command, result);

                Book.Results[item.Id] = result with { Attempt = assignment.Attempt, Silo = silo };
                Book.BusyMs += result.DurationMs;
                unsaved++;

                // Persist before reporting: a reported item is never run again, whatever dies next.
                if (Stopwatch.GetElapsedTime(lastCheckpoint) >= interval || Book.Results.Count == assignment.Items.Count)
                {
                    await SaveAsync();
                    lastCheckpoint = Stopwatch.GetTimestamp();
                    unsaved = 0;
                    var done = Done(assignment);
                    if (done < assignment.Items.Count)
                    {
                        // The last item's progress travels with the segment's outcome.
                        await NotifyAsync(() => job.ItemCompletedAsync(assignment.Index, assignment.Attempt, done, Book.ItemErrors, Book.BusyMs, Book.Usage));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            if (unsaved > 0)
            {
                await SaveAsync();
            }

            activity?.SetTag(JobTelemetry.StatusAttribute, "cancelled");
            return Outcome(assignment, SegmentStatus.Cancelled, silo, "Cancelled.", resumed);
        }
        catch (Exception e)
        {
            JobTelemetry.Fail(activity, $"{e.GetType().Name}: {e.Message}", e);
            throw;
        }
        finally
        {
            _running = null;
            metrics.SegmentStopped(command);
        }

        activity?.SetTag(JobTelemetry.StatusAttribute, "completed");

        return Outcome(assignment, SegmentStatus.Completed, silo, null, resumed);
    }

    // On an ETag conflict another activation wrote the ledger: re-read it and merge, keeping every result either
    // side holds (results are per item id, so the union loses nothing and duplicates nothing).
    private async Task SaveAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _ledger.WriteAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < 5)
            {
                Log.WriteConflict(logger, Book.JobId, Book.Index);
                var mine = Book;
                await _ledger.ReadAsync();
                var theirs = Book;
                foreach (var (id, result) in mine.Results)
                {
                    theirs.Results.TryAdd(id, result);
                }

                theirs.Attempt = Math.Max(theirs.Attempt, mine.Attempt);
                theirs.BusyMs = Math.Max(theirs.BusyMs, mine.BusyMs);
                theirs.JobId = mine.JobId;
                theirs.Index = mine.Index;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> GetResultsAsync()
    {
        await _ledger.LoadAsync();
        return [.. Book.Results.Values.OrderBy(r => r.ItemId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemResult>> GetFinalResultsAsync()
    {
        var results = await GetResultsAsync();

        // The results are stored; kept here, every one would stay in memory until Orleans' collection age.
        if (_running is null)
        {
            DeactivateOnIdle();
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(int attempt, ItemResult result)
    {
        await _ledger.LoadAsync();
        if (attempt < Book.Attempt)
        {
            return false;
        }

        Book.Attempt = attempt;
        if (Book.Results.TryAdd(result.ItemId, result))
        {
            Book.BusyMs += result.DurationMs;
        }

        await SaveAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (_running is { } running)
        {
            await running.CancelAsync();
        }
    }

    private int Done(SegmentAssignment a) => a.Items.Count(i => Book.Results.ContainsKey(i.Id));

    private SegmentOutcome Outcome(SegmentAssignment a, SegmentStatus status, string silo, string? error, int resumed)
    {
        return new SegmentOutcome(a.Index, a.Attempt, status, Done(a), Book.ItemErrors, Book.BusyMs, silo, error, resumed) { Usage = Book.Usage };
    }

    // The coordinator's answer is advisory too: when it cannot be reached the item runs, and the next ask decides.
    private static async Task<string?> AskAsync(Func<Task<string?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
            return null;
        }
    }

    // Progress reports are advisory: the ledger is the truth, so a coordinator that is moving silos never fails the segment.
    private static async Task NotifyAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (ClusterFaults.IsInstanceLoss(e))
        {
        }
    }
}
