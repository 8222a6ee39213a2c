using Polly;
using Polly.Retry;

namespace ParallelAgents.Grains.Hosting;

/// <summary>
/// Repeats a grain call that met a silo being declared dead (<see cref="ClusterFaults.IsInstanceLoss"/>): the grain
/// reactivates on a surviving silo. Any other failure is the callee's and is not repeated. Backoff is exponential
/// with jitter and bounded, so callers on many front ends do not retry in step.
/// </summary>
public static class ClusterFaultRetry
{
    /// <summary>Repeats after the first attempt in <see cref="Default"/>.</summary>
    public const int DefaultRetries = 3;

    /// <summary>The pipeline API calls use: three repeats, starting near 250 ms, at most 2 s apart.</summary>
    public static ResiliencePipeline Default { get; } = Create(DefaultRetries, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

    /// <summary>A pipeline with <paramref name="retries"/> repeats, backoff from <paramref name="delay"/> capped at <paramref name="maxDelay"/>.</summary>
    public static ResiliencePipeline Create(int retries, TimeSpan delay, TimeSpan maxDelay, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ClusterFaults.IsInstanceLoss),
            MaxRetryAttempts = retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = delay,
            MaxDelay = maxDelay,
        }).Build();
    }
}
