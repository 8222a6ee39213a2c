using System.Diagnostics;

namespace ParallelAgents.Engine.Hosting;

/// <summary>
/// The system clock, with monotonic timestamps counted from this provider's creation instead of from the machine's
/// boot. Orleans' silo watchdog starts its platform-check thread before it stamps the participant check, so that
/// thread's first look measures "time since timestamp 0": with boot-based timestamps it reported a participant check
/// stalled for as long as the machine had been up ("has not completed for 00:42:41"). Counted from the silo's start,
/// the same read measures the few milliseconds of start-up it really is. Differences between timestamps, all that
/// any other reader uses, are unchanged.
/// </summary>
public sealed class StartRelativeTimeProvider : TimeProvider
{
    // One tick before creation, so no timestamp handed out is 0 (the value the watchdog's unset field holds).
    private readonly long _origin = Stopwatch.GetTimestamp() - 1;

    /// <inheritdoc />
    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;

    /// <inheritdoc />
    public override long TimestampFrequency => Stopwatch.Frequency;
}
