namespace ParallelAgents.Models.Clients;

/// <summary>What a failed model call means for the caller: whether to try again, after how long, and whether it was a 429.</summary>
/// <param name="Transient">True for 408, 409, 429, 5xx, timeouts and broken connections.</param>
/// <param name="Throttled">True for 429.</param>
/// <param name="RetryAfter">The delay the provider asked for (<c>retry-after-ms</c> or <c>Retry-After</c>), if any.</param>
/// <param name="Status">The HTTP status, when there was one.</param>
public sealed record ModelCallFailure(bool Transient, bool Throttled, TimeSpan? RetryAfter, int? Status);
