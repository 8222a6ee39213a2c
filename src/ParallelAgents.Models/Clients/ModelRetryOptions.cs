namespace ParallelAgents.Models.Clients;

/// <summary>How the one retry layer of a provider's pipeline behaves.</summary>
/// <param name="MaxAttempts">Attempts per call, the first included.</param>
/// <param name="Timeout">Time allowed for one attempt.</param>
/// <param name="BaseDelay">Back-off base: attempt n waits a random time up to base × 2^(n-1), or what the provider asked for.</param>
/// <param name="MaxDelay">The longest single wait, whatever the provider asks.</param>
public sealed record ModelRetryOptions(int MaxAttempts, TimeSpan Timeout, TimeSpan BaseDelay, TimeSpan MaxDelay);
