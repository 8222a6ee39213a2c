using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// A job's progress events: an outbox sent in order by one pump, so the job's own work never waits on the stream, and
/// a replay window for clients that connect late or reconnect with <c>Last-Event-ID</c>. An item event already
/// superseded by a newer event of its instance, or by a newer full snapshot, is not sent (the window keeps every
/// event): so the job's end waits behind the send in flight, never behind a backlog of item counts. Used on the
/// grain's thread.
/// </summary>
/// <param name="send">Sends one event on the job's stream.</param>
/// <param name="logger">Logs a failed send.</param>
/// <param name="jobId">The job.</param>
public sealed class ProgressPublisher(Func<ProgressEvent, Task> send, ILogger logger, string jobId)
{
    /// <summary>Events kept for replay.</summary>
    public const int Window = 512;

    private readonly Queue<ProgressEvent> _recent = new();
    private readonly Queue<ProgressEvent> _outbox = new();
    private readonly Dictionary<int, long> _latestQueued = [];
    private long _latestFull;
    private Task? _pump;

    /// <summary>Queues an event for the stream and the replay window.</summary>
    public void Publish(ProgressEvent @event)
    {
        _recent.Enqueue(@event);
        if (_recent.Count > Window)
        {
            _recent.Dequeue();
        }

        _outbox.Enqueue(@event);
        if (@event.SegmentIndex is { } index)
        {
            _latestQueued[index] = @event.Sequence;
        }

        if (@event.Snapshot is not null)
        {
            _latestFull = @event.Sequence;
        }

        if (_pump is null || _pump.IsCompleted)
        {
            _pump = PumpAsync();
        }
    }

    /// <summary>Events in the window with a sequence above <paramref name="afterSequence"/>, oldest first.</summary>
    public IReadOnlyList<ProgressEvent> Since(long afterSequence) => [.. _recent.Where(e => e.Sequence > afterSequence)];

    /// <summary>Completes once every queued event was sent (or failed to send).</summary>
    public async Task DrainAsync()
    {
        while (_pump is { IsCompleted: false } pump)
        {
            await pump;
        }
    }

    private async Task PumpAsync()
    {
        while (_outbox.TryDequeue(out var @event))
        {
            if (@event.Kind == ProgressEventKind.ItemCompleted && (_latestFull > @event.Sequence
                || (@event.SegmentIndex is { } index && _latestQueued.TryGetValue(index, out var latest) && latest > @event.Sequence)))
            {
                continue;
            }

            try
            {
                await send(@event);
            }
            catch (Exception e)
            {
                // Progress is advisory: the persisted state is the truth, so a lost event never fails the job.
                Log.PublishFailed(logger, e, jobId);
            }
        }
    }
}
