namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>How the service authenticates to one git host: a token sent as an HTTP <c>Authorization</c> header.</summary>
public sealed class GitCredential
{
    /// <summary>The token (a personal access token, an app token...). Never logged or reported.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// When set, the header is <c>Basic base64(Username:Token)</c> (GitHub takes <c>x-access-token</c>, Azure Repos any
    /// name); otherwise <c>Bearer Token</c>.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The <c>Authorization</c> header value.</summary>
    public string HeaderValue() => string.IsNullOrEmpty(Username)
        ? "Bearer " + Token
        : "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Token));
}
