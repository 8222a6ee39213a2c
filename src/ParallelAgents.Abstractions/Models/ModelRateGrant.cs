namespace ParallelAgents.Abstractions.Models;

/// <summary>The answer to a lease request: a lease to call now, or how long to wait before asking again.</summary>
/// <param name="LeaseId">The lease to release after the call; null when the caller must wait.</param>
/// <param name="RetryAfter">How long to wait before asking again, when no lease was granted.</param>
[GenerateSerializer, Immutable, Alias("pa.ModelRateGrant")]
public sealed record ModelRateGrant(string? LeaseId, TimeSpan RetryAfter)
{
    /// <summary>True when the caller may call now.</summary>
    public bool Granted => LeaseId is not null;
}
