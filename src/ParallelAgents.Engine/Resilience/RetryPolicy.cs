namespace ParallelAgents.Engine.Resilience;

/// <summary>Bounded retries with exponential backoff and full jitter: delay = random(0, min(cap, base × 2^(attempt-1))).</summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="BaseDelay">Delay ceiling before the first retry.</param>
/// <param name="MaxDelay">Cap on the delay ceiling.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>3 attempts, 200 ms base, 5 s cap.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>True when another attempt is allowed after <paramref name="failedAttempt"/> failed (1-based).</summary>
    public bool ShouldRetry(int failedAttempt) => failedAttempt < MaxAttempts;

    /// <summary>The delay before the attempt that follows <paramref name="failedAttempt"/>.</summary>
    public TimeSpan DelayAfter(int failedAttempt, Random random)
    {
        var exponent = Math.Clamp(failedAttempt - 1, 0, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
