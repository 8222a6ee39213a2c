using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Models.Limits;

/// <summary>
/// Where a call gets its share of a (provider, model)'s limits. In one process it is <see cref="InProcessModelRateGate"/>;
/// in a cluster one grain per (provider, model) holds them, so the caps hold across silos.
/// </summary>
public interface IModelRateGate
{
    /// <summary>A lease, or how long to wait before asking again.</summary>
    Task<ModelRateGrant> AcquireAsync(string key, ModelRateLimits limits, int estimatedTokens, CancellationToken cancellationToken);

    /// <summary>Ends a lease with the tokens the call used.</summary>
    Task ReleaseAsync(string key, string leaseId, int actualTokens);

    /// <summary>Makes every caller of <paramref name="key"/> wait <paramref name="delay"/> after a 429.</summary>
    Task ThrottleAsync(string key, TimeSpan delay);
}
