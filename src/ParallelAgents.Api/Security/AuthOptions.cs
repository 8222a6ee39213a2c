namespace ParallelAgents.Api.Security;

/// <summary>Who may call the API. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// Run without authentication even when listening on a non-loopback address. Only consulted when no API key and
    /// no Entra ID is configured; with either configured, every API call needs credentials.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Accepted API keys, each stored as the SHA-256 of the key.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Microsoft Entra ID (JWT bearer) settings.</summary>
    public EntraOptions Entra { get; set; } = new();

    /// <summary>True when Entra ID tokens are accepted.</summary>
    public bool EntraEnabled => !string.IsNullOrWhiteSpace(Entra.Authority) && !string.IsNullOrWhiteSpace(Entra.Audience);

    /// <summary>True when callers must authenticate.</summary>
    public bool Enforced => ApiKeys.Count > 0 || EntraEnabled;
}
