namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// Serialises writes of one grain state and merges concurrent requests: a caller waits for a write that starts after
/// its request, so N continuations asking at once cost two writes, not N, and never race on the ETag.
/// Used on a grain's single thread; no locking needed.
/// </summary>
public sealed class CoalescingWriter(Func<Task> write)
{
    private Task? _current;
    private Task? _next;

    /// <summary>Completes once every change made before the call is stored.</summary>
    public Task WriteAsync()
    {
        // A queued write has not started yet, so it will store this caller's change too. Joining it also covers the
        // moment between the running write's end and the queued one's start: starting another write there would run
        // two at once.
        if (_next is not null)
        {
            return _next;
        }

        if (_current is null || _current.IsCompleted)
        {
            _current = write();
            return _current;
        }

        // A write is in flight and may have missed our change: queue one behind it.
        return _next = RunNextAsync(_current);
    }

    private async Task RunNextAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // The queued write stores the latest state whatever happened to the previous one.
        }

        _next = null;
        _current = write();
        await _current;
    }
}
