using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace ParallelAgents.Models.Clients;

/// <summary>Reads a provider SDK's exception as a status and a requested delay, so one layer owns every retry.</summary>
public static class ModelErrorClassifier
{
    /// <summary>What <paramref name="error"/> means for a retry.</summary>
    public static ModelCallFailure Classify(Exception error)
    {
        switch (error)
        {
            case ClientResultException result:
                {
                    var headers = result.GetRawResponse()?.Headers;
                    string? ms = null;
                    string? after = null;
                    headers?.TryGetValue("retry-after-ms", out ms);
                    headers?.TryGetValue("Retry-After", out after);
                    return FromStatus(result.Status == 0 ? null : result.Status, RetryAfter(ms, after));
                }

            case HttpRequestException http:
                return http.StatusCode is { } code ? FromStatus((int)code, null) : new ModelCallFailure(true, false, null, null);
            case IOException or TimeoutException:
                return new ModelCallFailure(true, false, null, null);
        }

        // The Anthropic SDK's service exceptions carry the status and the response headers as properties.
        var status = StatusOf(error);
        return status is null ? new ModelCallFailure(false, false, null, null) : FromStatus(status, RetryAfterOf(error));
    }

    /// <summary>The delay asked for by <c>retry-after-ms</c> (preferred, milliseconds) or <c>Retry-After</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(string? retryAfterMs, string? retryAfter, DateTimeOffset? now = null)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - (now ?? DateTimeOffset.UtcNow);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static ModelCallFailure FromStatus(int? status, TimeSpan? retryAfter) => status switch
    {
        429 => new ModelCallFailure(true, true, retryAfter, 429),
        408 or 409 or >= 500 => new ModelCallFailure(true, false, retryAfter, status),
        null => new ModelCallFailure(true, false, retryAfter, null),
        _ => new ModelCallFailure(false, false, null, status),
    };

    private static int? StatusOf(Exception error)
    {
        var value = error.GetType().GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance)?.GetValue(error);
        return value switch
        {
            HttpStatusCode code => (int)code,
            int i => i,
            _ => null,
        };
    }

    private static TimeSpan? RetryAfterOf(Exception error)
    {
        if (error.GetType().GetProperty("Headers", BindingFlags.Public | BindingFlags.Instance)?.GetValue(error) is not System.Net.Http.Headers.HttpHeaders headers)
        {
            return null;
        }

        return RetryAfter(First(headers, "retry-after-ms"), First(headers, "Retry-After"));
    }

    private static string? First(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
