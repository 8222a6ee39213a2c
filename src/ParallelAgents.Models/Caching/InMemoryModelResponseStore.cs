using System.Collections.Concurrent;

namespace ParallelAgents.Models.Caching;

/// <summary>Answers kept in this process for its lifetime.</summary>
public sealed class InMemoryModelResponseStore : IModelResponseStore
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(key, out var value) ? value : null);

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        _entries[key] = value;
        return Task.CompletedTask;
    }
}
