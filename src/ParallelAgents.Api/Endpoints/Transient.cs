using ParallelAgents.Grains.Hosting;
using Polly;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// Grain calls from the API that may meet a silo being declared dead: the call is repeated
/// (<see cref="ClusterFaultRetry.Default"/>), and the grain reactivates on a surviving silo. What still fails after
/// that becomes a 503 with Retry-After, never a 500.
/// </summary>
public static class Transient
{
    /// <summary>True for the exceptions a lost silo produces.</summary>
    public static bool IsClusterFault(Exception e) => ClusterFaults.IsInstanceLoss(e);

    /// <summary>Runs the call, repeating it on cluster faults.</summary>
    public static Task<T> RetryAsync<T>(Func<Task<T>> call) => RetryAsync(call, ClusterFaultRetry.Default);

    /// <summary>Runs the call through <paramref name="pipeline"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, ResiliencePipeline pipeline) =>
        await pipeline.ExecuteAsync(static async (c, _) => await c(), call, CancellationToken.None);
}
