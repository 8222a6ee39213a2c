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

    /// <summary>Policy: read jobs, reports and commands.</summary>
    public const string ReadPolicy = "jobs:read";

    /// <summary>Policy: submit and cancel jobs, upload workspaces.</summary>
    public const string SubmitPolicy = "jobs:submit";

    /// <summary>Policy: operator views (the metrics scrape, the Orleans dashboard).</summary>
    public const string AdminPolicy = "admin";
}
