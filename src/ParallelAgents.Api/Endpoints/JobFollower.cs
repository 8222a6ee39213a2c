using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Orleans.Runtime;
using Orleans.Streams;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// Follows one job for a Server-Sent Events response until it ends, through the loss of any silo: the live stream
/// (its subscription may be lost with the silo that held it, and is then made again), the job's own wait for its end,
/// and its replay window, read from the last sequence sent whenever the live stream may have missed something. A
/// cluster fault never ends the response; only the client leaving or an outage longer than
/// <c>Orleans:Client:UnavailableTimeout</c> does (the client then reconnects with Last-Event-ID).
/// </summary>
internal sealed partial class JobFollower(string id, IClusterClient client, long after, TimeSpan outageLimit, ILogger logger) : IAsyncDisposable
{
    // The job's WaitAsync answers at the end or after this, whichever is first: each answer is a moment to take what
    // the live stream missed from the replay window. A call not answered well after it (its gateway died: a client
    // is not told) is abandoned.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Abandon = Heartbeat * 3;
    private static readonly TimeSpan FaultPause = TimeSpan.FromMilliseconds(500);

    private readonly Channel<ProgressEvent> _channel = Channel.CreateUnbounded<ProgressEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<StreamSubscriptionHandle<ProgressEvent>> _subscriptions = [];
    private readonly ICommandGrain _job = client.GetGrain<ICommandGrain>(id);
    private Task<JobSnapshot?>? _waiting;
    private Task<bool>? _readable;
    private DateTime? _outageSince;
    private bool _subscribe = true;
    private bool _liveSinceHeartbeat;

    /// <summary>The sequence of the last event sent.</summary>
    public long LastSequence { get; private set; } = after;

    /// <summary>True once the end was sent, or the outage outlasted its limit.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Subscribes (before reading, so nothing published in between is missed), then returns the snapshot and the
    /// events after <c>after</c> from the replay window. Faults here reach the caller: nothing has been sent yet.
    /// </summary>
    public async Task<IReadOnlyList<SseItem<string>>> StartAsync()
    {
        await TrySubscribeAsync();
        var snapshot = await Transient.RetryAsync(_job.GetSnapshotAsync);
        var items = new List<SseItem<string>> { JobsApi.Item("snapshot", snapshot!, null) };
        Take(await Transient.RetryAsync(() => _job.GetEventsAsync(LastSequence)), items);
        if (!Ended && snapshot!.Status.IsTerminal())
        {
            // Ended before the stream opened, and its completion event is not (yet) in the replay window: the
            // stream still ends with jobCompleted, so a client waiting for it is never left without it.
            items.Add(End(snapshot));
        }

        return items;
    }

    /// <summary>The next events: live ones as they come, and at each heartbeat or the end what the window holds.</summary>
    public async Task<IReadOnlyList<SseItem<string>>> NextAsync(CancellationToken cancellationToken)
    {
        var items = new List<SseItem<string>>();
        if (_subscribe)
        {
            await TrySubscribeAsync();
        }

        // One wait of each kind at a time: the reader waits on the channel alone, the job's wait is not repeated early.
        var waiting = _waiting ??= WaitOnceAsync(cancellationToken);
        var readable = _readable ??= _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
        await Task.WhenAny(readable, waiting);
        if (readable.IsCompleted)
        {
            _readable = null;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            Ended = true;
            return items;
        }

        var before = LastSequence;
        while (!Ended && _channel.Reader.TryRead(out var live))
        {
            Take([live], items);
        }

        _liveSinceHeartbeat |= LastSequence > before;
        if (Ended || !waiting.IsCompleted)
        {
            return items;
        }

        _waiting = null;
        JobSnapshot? snapshot;
        IReadOnlyList<ProgressEvent> window;
        try
        {
            snapshot = await waiting;
            window = await Transient.RetryAsync(() => _job.GetEventsAsync(LastSequence));
        }
        catch (Exception e) when (Transient.IsClusterFault(e))
        {
            await FaultAsync(e, cancellationToken);
            return items;
        }

        _outageSince = null;
        if (snapshot is null)
        {
            // The job is gone (its state removed): nothing more will come.
            Ended = true;
            return items;
        }

        var missed = window.Count > 0;
        Take(window, items);
        if (!Ended && snapshot.Status.IsTerminal())
        {
            // The job ended in another activation (its events are gone with the old one): report the end itself.
            items.Add(End(snapshot));
        }
        else if (missed && !_liveSinceHeartbeat)
        {
            // Events were published and none came live: the subscription went with a silo.
            _subscribe = true;
        }

        _liveSinceHeartbeat = false;
        return items;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.UnsubscribeAsync().WaitAsync(Abandon);
            }
            catch (Exception e) when (Transient.IsClusterFault(e))
            {
                // Held by a silo that is gone, or unreachable now: it ends with the pub-sub state that held it.
            }
        }
    }

    private async Task<JobSnapshot?> WaitOnceAsync(CancellationToken cancellationToken) =>
        await _job.WaitAsync(Heartbeat).WaitAsync(Abandon, cancellationToken);

    // A second subscription beside one that still works only repeats events, and those are dropped by sequence.
    private async Task TrySubscribeAsync()
    {
        try
        {
            var stream = client.GetStreamProvider(Names.StreamProvider).GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, id));
            _subscriptions.Add(await Transient.OnceAsync(() => stream.SubscribeAsync((e, _) =>
            {
                _channel.Writer.TryWrite(e);
                return Task.CompletedTask;
            })));
            _subscribe = false;
        }
        catch (Exception e) when (Transient.IsClusterFault(e))
        {
            // Followed through the job's waits and window until a subscription can be made.
            Log.SubscribeFailed(logger, id, e.GetType().Name);
        }
    }

    private async Task FaultAsync(Exception e, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        _outageSince ??= now;

        // The silo that held the subscription may be the one lost.
        _subscribe = true;
        if (now - _outageSince.Value > outageLimit)
        {
            Log.GaveUp(logger, id, outageLimit.TotalSeconds, e.GetType().Name);
            Ended = true;
            return;
        }

        Log.Fault(logger, id, e.GetType().Name, LastSequence);
        try
        {
            await Task.Delay(FaultPause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Ended = true;
        }
    }

    private void Take(IEnumerable<ProgressEvent> events, List<SseItem<string>> items)
    {
        foreach (var e in events)
        {
            if (Ended || e.Sequence <= LastSequence)
            {
                continue;
            }

            LastSequence = e.Sequence;
            items.Add(JobsApi.Item(JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e, e.Sequence.ToString(CultureInfo.InvariantCulture)));
            Ended = e.Kind == ProgressEventKind.JobCompleted;
        }
    }

    private SseItem<string> End(JobSnapshot snapshot)
    {
        Ended = true;
        return JobsApi.Item("jobCompleted", new ProgressEvent(id, LastSequence + 1, ProgressEventKind.JobCompleted, DateTimeOffset.UtcNow, null, snapshot.Error, snapshot.Status, snapshot.Progress, null, snapshot), null);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Following job {JobId}: a cluster call failed ({Error}); continuing after event {Sequence}.")]
        public static partial void Fault(ILogger logger, string jobId, string error, long sequence);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Following job {JobId}: the live stream could not be subscribed ({Error}); following through the job until it can.")]
        public static partial void SubscribeFailed(ILogger logger, string jobId, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Following job {JobId}: no silo answered for {Seconds} s ({Error}); the stream ends, the client may reconnect with Last-Event-ID.")]
        public static partial void GaveUp(ILogger logger, string jobId, double seconds, string error);
    }
}
