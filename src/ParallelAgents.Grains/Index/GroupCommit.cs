namespace ParallelAgents.Grains.Index;

/// <summary>
/// Serialises writes of a grain's state and merges concurrent requests (group commit): a caller waits for a write
/// that starts after its request, so N callers at once cost at most two writes and never race on an ETag. Once a
/// write is queued behind the running one, every later caller joins it, even after the running one has completed
/// but before the queued one has started. Used on a grain's single thread; no locking needed.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private Task? _current;
    private Task? _next;

    /// <summary>Completes once every change made before the call is stored.</summary>
    public Task WriteAsync()
    {
        if (_next is not null)
        {
            return _next;
        }

        if (_current is null || _current.IsCompleted)
        {
            _current = write();
            return _current;
        }

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
