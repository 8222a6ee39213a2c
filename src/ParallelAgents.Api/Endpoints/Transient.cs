using ParallelAgents.Grains.Hosting;
using Polly;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// Grain calls from the API that may meet a silo being declared dead: the call is repeated
/// (<see cref="ClusterFaultRetry.Default"/>), and the grain reactivates on a surviving silo. What still fails after
/// that becomes a 503 with Retry-After, never a 500. Under a <see cref="ClusterCallBudget"/> (a front end in the Client
/// role) the call and its repeats end within the budget.
/// </summary>
public static class Transient
{
    /// <summary>True for the exceptions a lost silo produces.</summary>
    public static bool IsClusterFault(Exception e) => ClusterFaults.IsInstanceLoss(e);

    /// <summary>Runs the call, repeating it on cluster faults.</summary>
    public static Task<T> RetryAsync<T>(Func<Task<T>> call) => RetryAsync(call, ClusterFaultRetry.Default);

    /// <summary>Runs the call once (it is not safe to repeat), within the budget when there is one.</summary>
    public static Task<T> OnceAsync<T>(Func<Task<T>> call) => RetryAsync(call, ResiliencePipeline.Empty);

    /// <summary>Runs the call through <paramref name="pipeline"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, ResiliencePipeline pipeline)
    {
        if (ClusterCallBudget.Current is not { } budget)
        {
            return await pipeline.ExecuteAsync(static async (c, _) => await c(), call, CancellationToken.None);
        }

        // A call through a gateway that died gets no answer until its response timeout: it is abandoned (its late
        // answer dropped) when the budget runs out, and the request is answered 503.
        using var deadline = new CancellationTokenSource(budget);
        try
        {
            return await pipeline.ExecuteAsync(static async (c, token) => await c().WaitAsync(token), call, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The cluster did not answer within {budget.TotalSeconds:0.#} s (Orleans:Client:UnavailableTimeout).");
        }
    }
}
