namespace ParallelAgents.Abstractions.Models;

/// <summary>The limits of one (provider, model), shared by every silo; zero means unlimited.</summary>
/// <param name="MaxConcurrency">Calls in flight at once.</param>
/// <param name="RequestsPerMinute">Calls started in any 60-second window.</param>
/// <param name="TokensPerMinute">Tokens (estimated until the call returns, then actual) in any 60-second window.</param>
/// <param name="LeaseTimeout">How long a lease is held before it is presumed lost with its silo and freed.</param>
[GenerateSerializer, Immutable, Alias("pa.ModelRateLimits")]
public sealed record ModelRateLimits(int MaxConcurrency, int RequestsPerMinute, int TokensPerMinute, TimeSpan LeaseTimeout);
