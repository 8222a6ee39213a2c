using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// The one retry layer of external link checks, applied by the factory client's resilience handler. A link is
/// retried once, with jitter, when its server answers 408, 429 or 5xx or the connection fails; the job's
/// <c>externalTimeoutMs</c> bounds each link's whole check (the checker cancels it), so a link that hangs is
/// reported, not retried. The outer timeout is only a bound for a caller that sets none.
/// </summary>
public static class LinkCheckResilience
{
    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetries = 1;

    /// <summary>Longest a check may take whatever the caller's token says: the longest job timeout allowed.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        builder.AddTimeout(Bound);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            ShouldRetryAfterHeader = true,
        });
    }
}
