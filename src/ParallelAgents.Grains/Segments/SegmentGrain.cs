using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Placement;

namespace ParallelAgents.Grains.Segments;

/// <summary>
/// One agent instance. Spread placement puts a job's segments evenly over the silos; runs its items on the
/// local worker pool and checkpoints results before reporting them, so a new attempt resumes where the last stopped.
/// </summary>
[SpreadPlacement]
public sealed class SegmentGrain(
    [PersistentState("ledger", Names.SegmentStorage)] IPersistentState<SegmentLedger> ledger,
    ILocalSiloDetails siloDetails,
    IOptions<EngineOptions> options,
    ILogger<SegmentGrain> logger) : Grain, ISegmentGrain
{
    private CancellationTokenSource? _running;

    /// <inheritdoc />
    public async Task<SegmentOutcome> RunAsync(SegmentAssignment assignment, CancellationToken cancellationToken = default)
    {
        var book = ledger.State;
        var silo = siloDetails.SiloAddress.ToString();
        if (assignment.Attempt < book.Attempt)
        {
            Log.StaleAttempt(logger, assignment.JobId, assignment.Index, assignment.Attempt, book.Attempt);
            return Outcome(assignment, SegmentStatus.Failed, silo, $"Attempt {assignment.Attempt} is stale; attempt {book.Attempt} owns the segment.", 0);
        }

        book.JobId = assignment.JobId;
        book.Index = assignment.Index;
        book.Attempt = assignment.Attempt;
        await ledger.WriteStateAsync(cancellationToken);

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running = run;
        var job = GrainFactory.GetGrain<ICommandGrain>(assignment.JobId);
        var worker = GrainFactory.GetGrain<IAgentWorkerGrain>(0);
        var resumed = assignment.Items.Count(i => book.Results.ContainsKey(i.Id));
        await NotifyAsync(() => job.SegmentStartedAsync(assignment.Index, assignment.Attempt, silo));
        var interval = options.Value.CheckpointInterval;
        var lastCheckpoint = Stopwatch.GetTimestamp();
        var unsaved = 0;
        try
        {
            foreach (var item in assignment.Items)
            {
                if (book.Results.ContainsKey(item.Id))
                {
                    continue;
                }

                run.Token.ThrowIfCancellationRequested();
                var result = await worker.ExecuteAsync(assignment.JobId, assignment.Spec, item, run.Token);
                book.Results[item.Id] = result with { Attempt = assignment.Attempt, Silo = silo };
                book.BusyMs += result.DurationMs;
                unsaved++;

                // Persist before reporting: a reported item is never run again, whatever dies next.
                if (Stopwatch.GetElapsedTime(lastCheckpoint) >= interval || book.Results.Count == assignment.Items.Count)
                {
                    await ledger.WriteStateAsync(CancellationToken.None);
                    lastCheckpoint = Stopwatch.GetTimestamp();
                    unsaved = 0;
                    var done = assignment.Items.Count(i => book.Results.ContainsKey(i.Id));
                    await NotifyAsync(() => job.ItemCompletedAsync(assignment.Index, assignment.Attempt, done, book.ItemErrors, book.BusyMs));
                }
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            if (unsaved > 0)
            {
                await ledger.WriteStateAsync(CancellationToken.None);
            }

            return Outcome(assignment, SegmentStatus.Cancelled, silo, "Cancelled.", resumed);
        }
        finally
        {
            _running = null;
        }

        return Outcome(assignment, SegmentStatus.Completed, silo, null, resumed);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemResult>> GetResultsAsync() =>
        Task.FromResult<IReadOnlyList<ItemResult>>([.. ledger.State.Results.Values.OrderBy(r => r.ItemId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (_running is { } running)
        {
            await running.CancelAsync();
        }
    }

    private SegmentOutcome Outcome(SegmentAssignment a, SegmentStatus status, string silo, string? error, int resumed)
    {
        var book = ledger.State;
        var done = a.Items.Count(i => book.Results.ContainsKey(i.Id));
        return new SegmentOutcome(a.Index, a.Attempt, status, done, book.ItemErrors, book.BusyMs, silo, error, resumed);
    }

    // Progress reports are advisory: the ledger is the truth, so a coordinator that is moving silos never fails the segment.
    private static async Task NotifyAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
        }
    }
}
