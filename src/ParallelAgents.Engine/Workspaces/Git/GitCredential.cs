namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// How the service authenticates to one git host: a token sent as an HTTP <c>Authorization</c> header, either
/// configured or, with <see cref="UseManagedIdentity"/>, a Microsoft Entra ID token of the service's own identity.
/// </summary>
public sealed class GitCredential
{
    /// <summary>The Entra ID scope of Azure DevOps (Azure Repos), the default <see cref="Scope"/>.</summary>
    public const string AzureDevOpsScope = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    /// <summary>The token (a personal access token, an app token...). Never logged or reported.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// When set, the header is <c>Basic base64(Username:Token)</c> (GitHub takes <c>x-access-token</c>, Azure Repos any
    /// name); otherwise <c>Bearer Token</c>.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>
    /// Send a bearer token of the service's Microsoft Entra ID credential (its managed identity in Azure) instead of a
    /// configured <see cref="Token"/>: for Azure Repos, whose organisation has the identity added as a user.
    /// </summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>The scope the managed identity's token is asked for; Azure DevOps by default.</summary>
    public string Scope { get; set; } = AzureDevOpsScope;

    /// <summary>The <c>Authorization</c> header value of the configured token (not for <see cref="UseManagedIdentity"/>).</summary>
    public string HeaderValue() => string.IsNullOrEmpty(Username)
        ? "Bearer " + Token
        : "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Token));
}
