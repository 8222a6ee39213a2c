using Microsoft.Extensions.Caching.Distributed;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Models.Caching;

/// <summary>
/// The store behind Microsoft.Extensions.AI's caching client: reads count as cache hits of the running item, and an
/// item that asked for <c>cache: false</c> neither reads nor writes.
/// </summary>
public sealed class ModelResponseDistributedCache(IModelResponseStore store) : IDistributedCache
{
    /// <inheritdoc />
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (ModelCallScope.Current is { CacheEnabled: false })
        {
            return null;
        }

        var value = await store.GetAsync(key, token).ConfigureAwait(false);
        if (value is not null)
        {
            ModelCallScope.Record(new ModelUsage(CacheHits: 1));
        }

        return value;
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        ModelCallScope.Current is { CacheEnabled: false } ? Task.CompletedTask : store.SetAsync(key, value, token);

    // Entries are answers keyed by their inputs: they never go stale, so there is nothing to refresh or remove.

    /// <inheritdoc />
    public void Refresh(string key)
    {
    }

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    /// <inheritdoc />
    public void Remove(string key)
    {
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
}
