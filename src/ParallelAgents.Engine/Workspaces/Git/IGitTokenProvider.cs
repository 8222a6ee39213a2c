namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// Access tokens for git hosts that take Microsoft Entra ID tokens, such as Azure Repos with the service's managed
/// identity (<c>Workspaces:Git:Credentials:&lt;host&gt;:UseManagedIdentity=true</c>). The Azure hosting layer provides
/// it; a host without it (the CLI) refuses such a credential with the reason.
/// </summary>
public interface IGitTokenProvider
{
    /// <summary>A bearer token for <paramref name="scope"/> (e.g. <c>499b84ac-1321-427f-aa17-267ca6975798/.default</c>), valid for a git command or more.</summary>
    Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken);
}
