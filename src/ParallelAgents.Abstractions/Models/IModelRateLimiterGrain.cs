namespace ParallelAgents.Abstractions.Models;

/// <summary>
/// The cluster-wide limits of one (provider, model), keyed <c>provider/model</c>: the concurrency cap, the
/// requests-per-minute and tokens-per-minute windows, and the back-off every silo honours after a 429.
/// </summary>
[Alias("pa.IModelRateLimiterGrain")]
public interface IModelRateLimiterGrain : IGrainWithStringKey
{
    /// <summary>A lease for one call estimated at <paramref name="estimatedTokens"/>, or how long to wait.</summary>
    [Alias("acquire")]
    Task<ModelRateGrant> AcquireAsync(ModelRateLimits limits, int estimatedTokens);

    /// <summary>Ends a lease; the window keeps <paramref name="actualTokens"/> instead of the estimate.</summary>
    [Alias("release")]
    Task ReleaseAsync(string leaseId, int actualTokens);

    /// <summary>Stops every lease for <paramref name="delay"/> after the provider answered 429.</summary>
    [Alias("throttle")]
    Task ThrottleAsync(TimeSpan delay);
}
