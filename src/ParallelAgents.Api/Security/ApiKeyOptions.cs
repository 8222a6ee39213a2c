namespace ParallelAgents.Api.Security;

/// <summary>One API key: <c>Auth:ApiKeys:N:Name</c>, <c>:Sha256</c>, <c>:Scopes:M</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The caller's identity name; the jobs it submits belong to it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Hex of the SHA-256 of the key (e.g. <c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Granted scopes: <c>jobs:read</c>, <c>jobs:submit</c>, <c>admin</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}
