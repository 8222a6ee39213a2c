namespace ParallelAgents.Api.Security;

/// <summary>Microsoft Entra ID: tokens issued by <see cref="Authority"/> for <see cref="Audience"/> are accepted.</summary>
public sealed class EntraOptions
{
    /// <summary>e.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application (client) id or its Application ID URI, e.g. <c>api://parallel-agents</c>.</summary>
    public string? Audience { get; set; }
}
