using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Models.Caching;
using ParallelAgents.Models.Limits;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Grains.Models;

/// <summary>The model seams backed by grains: limits, cached answers and job usage shared by every silo.</summary>
public static class ClusterModelServices
{
    /// <summary>Registers the grain-backed seams ahead of the in-process defaults.</summary>
    public static IServiceCollection AddClusterModelServices(this IServiceCollection services)
    {
        services.AddSingleton<IModelRateGate, GrainModelRateGate>();
        services.AddSingleton<IModelResponseStore, GrainModelResponseStore>();
        services.AddSingleton<IModelUsageLedger, GrainModelUsageLedger>();
        return services;
    }

    private sealed class GrainModelRateGate(IGrainFactory grains) : IModelRateGate
    {
        public Task<ModelRateGrant> AcquireAsync(string key, ModelRateLimits limits, int estimatedTokens, CancellationToken cancellationToken) =>
            grains.GetGrain<IModelRateLimiterGrain>(key).AcquireAsync(limits, estimatedTokens);

        public Task ReleaseAsync(string key, string leaseId, int actualTokens) => grains.GetGrain<IModelRateLimiterGrain>(key).ReleaseAsync(leaseId, actualTokens);

        public Task ThrottleAsync(string key, TimeSpan delay) => grains.GetGrain<IModelRateLimiterGrain>(key).ThrottleAsync(delay);
    }

    private sealed class GrainModelResponseStore(IGrainFactory grains) : IModelResponseStore
    {
        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => grains.GetGrain<IModelResponseCacheGrain>(key).GetAsync();

        public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken) => grains.GetGrain<IModelResponseCacheGrain>(key).SetAsync(value);
    }

    private sealed class GrainModelUsageLedger(IGrainFactory grains) : IModelUsageLedger
    {
        public Task<ModelUsage> GetAsync(string jobId) => grains.GetGrain<IModelUsageGrain>(jobId).GetAsync();

        public Task<ModelUsage> AddAsync(string jobId, string itemId, ModelUsage usage) => grains.GetGrain<IModelUsageGrain>(jobId).AddAsync(itemId, usage);
    }
}
