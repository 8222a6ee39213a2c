namespace ParallelAgents.Api.Security;

/// <summary>Who may read the scaling signal (<c>GET /api/scaling</c>). Section <c>Scaling</c>.</summary>
public sealed class ScalingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Scaling";

    /// <summary>Shortest key accepted: a scale rule's key is generated, never typed.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The key a scale rule sends in <c>X-Api-Key</c>; only it opens the endpoint then. Empty: the endpoint takes the
    /// API's own credentials with the <c>jobs:read</c> scope (open when the service runs without authentication).
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>True when the endpoint takes the scaling key alone.</summary>
    public bool KeyConfigured => !string.IsNullOrEmpty(ApiKey);
}
