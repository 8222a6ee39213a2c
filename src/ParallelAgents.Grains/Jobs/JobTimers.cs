namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// A coordinator's timers: a one-second tick (leases, the job list's progress), the job's deadline, and once the job
/// has ended the one that retires its activation.
/// </summary>
public sealed class JobTimers(IGrainBase grain)
{
    private IGrainTimer? _ticker;
    private IGrainTimer? _deadline;
    private IGrainTimer? _retire;

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

    /// <summary>Stops the tick and the deadline; <paramref name="deactivate"/> runs after <paramref name="after"/>, once.</summary>
    public void Retire(TimeSpan after, Action deactivate)
    {
        Stop();
        _retire ??= grain.RegisterGrainTimer(
            _ =>
            {
                deactivate();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(after > TimeSpan.Zero ? after : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    /// <summary>Stops the tick and the deadline.</summary>
    public void Stop()
    {
        _ticker?.Dispose();
        _ticker = null;
        _deadline?.Dispose();
        _deadline = null;
    }
}
