namespace ParallelAgents.Api.Security;

/// <summary>Authentication scheme and policy names.</summary>
public static class AuthSchemes
{
    /// <summary>API key in <c>X-Api-Key</c> or <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>Microsoft Entra ID JWT in <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public const string Bearer = "Bearer";

    /// <summary>The API-key header.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// The cookie the dashboard sets with the API key, sent only to <see cref="KeyCookiePath"/> (<c>Path</c> and
    /// <c>SameSite=Strict</c>): a link cannot send a header, and the Orleans dashboard is opened by a link. The handler
    /// reads it on that path alone, so it authenticates no API call.
    /// </summary>
    public const string KeyCookie = "parallel-agents-key";

    /// <summary>Where <see cref="KeyCookie"/> is sent and read: the Orleans dashboard.</summary>
    public const string KeyCookiePath = "/orleans";

    /// <summary>Policy: read jobs, reports and commands.</summary>
    public const string ReadPolicy = "jobs:read";

    /// <summary>Policy: submit and cancel jobs, upload workspaces.</summary>
    public const string SubmitPolicy = "jobs:submit";

    /// <summary>Policy: operator views (the metrics scrape, the Orleans dashboard).</summary>
    public const string AdminPolicy = "admin";
}
