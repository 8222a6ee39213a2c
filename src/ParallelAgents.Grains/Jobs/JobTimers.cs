namespace ParallelAgents.Grains.Jobs;

/// <summary>A coordinator's timers: a one-second tick (leases, the job list's progress) and the job's deadline.</summary>
public sealed class JobTimers(IGrainBase grain)
{
    private IGrainTimer? _ticker;
    private IGrainTimer? _deadline;

    /// <summary>Starts the tick, and the deadline when <paramref name="deadlineIn"/> is set; idempotent.</summary>
    public void Start(Func<Task> tick, TimeSpan? deadlineIn, Func<Task> deadline)
    {
        _ticker ??= grain.RegisterGrainTimer(
            _ => tick(),
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true, KeepAlive = true });
        if (deadlineIn is { } due && _deadline is null)
        {
            _deadline = grain.RegisterGrainTimer(
                _ => deadline(),
                new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
    }

    /// <summary>Stops both.</summary>
    public void Stop()
    {
        _ticker?.Dispose();
        _ticker = null;
        _deadline?.Dispose();
        _deadline = null;
    }
}
