using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// Grain calls from the API that may meet a silo being declared dead: the call is repeated, and the grain
/// reactivates on a surviving silo. What still fails after that becomes a 503 with Retry-After, never a 500.
/// </summary>
public static class Transient
{
    /// <summary>True for the exceptions a lost silo produces.</summary>
    public static bool IsClusterFault(Exception e) => ClusterFaults.IsInstanceLoss(e);

    /// <summary>Runs the call, repeating it up to three times on cluster faults.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < 4 && IsClusterFault(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }
}
