using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Models;

namespace ParallelAgents.Grains.Models;

/// <summary>
/// The limits of one (provider, model) for the whole cluster. Kept in memory: a lease outlives its silo only until the
/// lease timeout, and a limiter reactivated elsewhere starts with an empty minute, which the provider's own 429s
/// (and the back-off they trigger) then cover.
/// </summary>
public sealed class ModelRateLimiterGrain(TimeProvider time) : Grain, IModelRateLimiterGrain
{
    private readonly ModelRateWindow _window = new(time);

    /// <inheritdoc />
    public Task<ModelRateGrant> AcquireAsync(ModelRateLimits limits, int estimatedTokens) => Task.FromResult(_window.TryAcquire(limits, estimatedTokens));

    /// <inheritdoc />
    public Task ReleaseAsync(string leaseId, int actualTokens)
    {
        _window.Release(leaseId, actualTokens);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ThrottleAsync(TimeSpan delay)
    {
        _window.Throttle(delay);
        return Task.CompletedTask;
    }
}
