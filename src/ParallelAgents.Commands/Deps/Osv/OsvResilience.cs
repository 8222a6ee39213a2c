using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// The one retry layer of OSV API calls, applied by the factory client's resilience handler: a bound on the whole
/// call, exponential backoff with jitter honouring Retry-After on 429, 5xx, 408, timeouts and connection failures,
/// and a timeout per attempt.
/// </summary>
public static class OsvResilience
{
    /// <summary>Longest backoff between two attempts, whatever Retry-After asks for.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Adds the strategies <paramref name="options"/> describe to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, AdvisoryOptions options)
    {
        var attempt = TimeSpan.FromSeconds(options.ApiTimeoutSeconds);
        var attempts = Math.Max(1, options.ApiMaxAttempts);

        // The outer bound covers every attempt at its full timeout plus the longest backoffs, so it only stops a
        // call whose Retry-After answers would keep it waiting past that.
        builder.AddTimeout((attempt * attempts) + (MaxDelay * (attempts - 1)));
        if (attempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(0, options.ApiRetryBaseDelayMs)),
                MaxDelay = MaxDelay,
                ShouldRetryAfterHeader = true,
            });
        }

        builder.AddTimeout(attempt);
    }
}
