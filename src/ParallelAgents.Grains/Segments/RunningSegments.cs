using System.Collections.Concurrent;

namespace ParallelAgents.Grains.Segments;

/// <summary>
/// The items being executed on this silo, with the cancellation source of the segment that runs each. Workers run on
/// the same silo as the segment that calls them and link the item's token to it here, so cancelling a segment stops
/// its executor even where a grain call's own cancellation does not reach it.
/// </summary>
public sealed class RunningSegments
{
    private readonly ConcurrentDictionary<(string JobId, string ItemId), CancellationTokenSource> _items = new();

    /// <summary>Records an item in flight until the returned handle is disposed.</summary>
    public IDisposable Register(string jobId, string itemId, CancellationTokenSource segment)
    {
        _items[(jobId, itemId)] = segment;
        return new Registration(this, (jobId, itemId));
    }

    /// <summary>The token of the segment running the item on this silo, or none.</summary>
    public CancellationToken TokenFor(string jobId, string itemId) =>
        _items.TryGetValue((jobId, itemId), out var source) ? source.Token : CancellationToken.None;

    private sealed class Registration(RunningSegments owner, (string, string) key) : IDisposable
    {
        public void Dispose() => owner._items.TryRemove(key, out _);
    }
}
