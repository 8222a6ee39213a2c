using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Models.Caching;
using ParallelAgents.Models.Limits;

namespace ParallelAgents.Hosting.Models;

/// <summary>The model seams backed by grains: limits and cached answers shared by every silo.</summary>
public static class ClusterModelServices
{
    /// <summary>Registers the grain-backed seams ahead of the in-process defaults.</summary>
    public static IServiceCollection AddClusterModelServices(this IServiceCollection services)
    {
        services.AddSingleton<IModelRateGate, GrainModelRateGate>();
        services.AddSingleton<IModelResponseStore, GrainModelResponseStore>();
        return services;
    }

    // A limiter or cache grain whose silo just died is back on another silo moments later: the item goes back to
    // the engine to be tried again rather than failing.
    private static async Task<T> Transient<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            throw new TransientWorkException($"The cluster's {what} was briefly unavailable ({e.GetType().Name}).", e);
        }
    }

    private static Task Transient(Func<Task> call, string what) => Transient(async () =>
    {
        await call();
        return true;
    }, what);

    private sealed class GrainModelRateGate(IGrainFactory grains) : IModelRateGate
    {
        public Task<ModelRateGrant> AcquireAsync(string key, ModelRateLimits limits, int estimatedTokens, CancellationToken cancellationToken) =>
            Transient(() => grains.GetGrain<IModelRateLimiterGrain>(key).AcquireAsync(limits, estimatedTokens), "model limiter");

        public Task ReleaseAsync(string key, string leaseId, int actualTokens) =>
            Transient(() => grains.GetGrain<IModelRateLimiterGrain>(key).ReleaseAsync(leaseId, actualTokens), "model limiter");

        public Task ThrottleAsync(string key, TimeSpan delay) => Transient(() => grains.GetGrain<IModelRateLimiterGrain>(key).ThrottleAsync(delay), "model limiter");
    }

    private sealed class GrainModelResponseStore(IGrainFactory grains) : IModelResponseStore
    {
        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            Transient(() => grains.GetGrain<IModelResponseCacheGrain>(key).GetAsync(), "response cache");

        public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken) =>
            Transient(() => grains.GetGrain<IModelResponseCacheGrain>(key).SetAsync(value), "response cache");
    }
}
