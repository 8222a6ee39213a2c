namespace ParallelAgents.Grains.Hosting;

/// <summary>
/// Writes a grain's state at most once per <paramref name="delay"/> after it changed, and on the way out, for state
/// that is rebuilt from elsewhere when a crash loses its last changes (the admission scheduler's picture, learned
/// durations): one cluster-wide grain that wrote on every change would queue every job behind its storage calls.
/// A failed write keeps the state dirty and tries again after the delay. Used on the grain's own thread.
/// </summary>
/// <param name="grain">The grain whose timer runs the writes.</param>
/// <param name="write">Writes the state.</param>
/// <param name="delay">How long a change may wait.</param>
/// <param name="failed">Reports a failed write.</param>
public sealed class DeferredWriter(IGrainBase grain, Func<CancellationToken, Task> write, TimeSpan delay, Action<Exception> failed)
{
    private IGrainTimer? _timer;

    private bool _dirty;

    /// <summary>Records a change; the write follows within the delay.</summary>
    public void Changed()
    {
        _dirty = true;
        _timer ??= grain.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Writes now if anything waits (call from <c>OnDeactivateAsync</c>); a failure here is reported, not retried. A
    /// silo that is stopping skips it: what the write needs (the memory mode's storage, the grain directory) may be gone
    /// already, and the state is of the kind a lost second of costs nothing — the same as a crash.
    /// </summary>
    public async Task FlushAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await TryWriteAsync(cancellationToken);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        if (!await TryWriteAsync(cancellationToken))
        {
            Changed();
        }
    }

    private async Task<bool> TryWriteAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        _dirty = false;
        try
        {
            await write(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed(e);
            return false;
        }
    }
}
