using System.Collections.Concurrent;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Models;

namespace ParallelAgents.Models.Limits;

/// <summary>The limits of each (provider, model) held in this process, for a single silo or the CLI.</summary>
public sealed class InProcessModelRateGate(TimeProvider time) : IModelRateGate
{
    private readonly ConcurrentDictionary<string, ModelRateWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>A gate on the system clock.</summary>
    public InProcessModelRateGate()
        : this(TimeProvider.System)
    {
    }

    /// <inheritdoc />
    public Task<ModelRateGrant> AcquireAsync(string key, ModelRateLimits limits, int estimatedTokens, CancellationToken cancellationToken)
    {
        var window = Window(key);
        lock (window)
        {
            return Task.FromResult(window.TryAcquire(limits, estimatedTokens));
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string leaseId, int actualTokens)
    {
        var window = Window(key);
        lock (window)
        {
            window.Release(leaseId, actualTokens);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ThrottleAsync(string key, TimeSpan delay)
    {
        var window = Window(key);
        lock (window)
        {
            window.Throttle(delay);
        }

        return Task.CompletedTask;
    }

    private ModelRateWindow Window(string key) => _windows.GetOrAdd(key, _ => new ModelRateWindow(time));
}
