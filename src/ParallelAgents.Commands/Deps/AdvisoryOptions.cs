namespace ParallelAgents.Commands.Deps;

/// <summary>
/// Where advisories come from, bound from the configuration section <c>Advisories</c>
/// (environment: <c>Advisories__OsvDirectory</c>, <c>Advisories__OsvApiUrl</c>). With both set the directory is used.
/// </summary>
public sealed class AdvisoryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Advisories";

    /// <summary>A directory of OSV JSON files (zip exports inside are read), or one zip file.</summary>
    public string? OsvDirectory { get; set; }

    /// <summary>Base URL of the OSV API, e.g. https://api.osv.dev; empty = offline.</summary>
    public string? OsvApiUrl { get; set; }

    /// <summary>Timeout of one HTTP request in seconds.</summary>
    public double ApiTimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per request, counting the first; 429, 5xx, timeouts and connection failures are retried.</summary>
    public int ApiMaxAttempts { get; set; } = 4;

    /// <summary>First backoff delay in milliseconds; doubles each retry (with jitter), capped at 30 s.</summary>
    public int ApiRetryBaseDelayMs { get; set; } = 500;

    /// <summary>How long query results and records stay cached, in minutes.</summary>
    public double ApiCacheMinutes { get; set; } = 60;

    /// <summary>Record downloads in flight at once.</summary>
    public int ApiMaxConcurrency { get; set; } = 8;
}
