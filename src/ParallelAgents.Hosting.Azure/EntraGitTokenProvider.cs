using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Hosting.Azure;

/// <summary>
/// Microsoft Entra ID tokens for git hosts configured with <c>Workspaces:Git:Credentials:&lt;host&gt;:UseManagedIdentity</c>
/// (Azure Repos): from the service's credential (its managed identity in Azure, <c>AZURE_CLIENT_ID</c> choosing a
/// user-assigned one), kept per scope until five minutes before they expire.
/// </summary>
/// <param name="credential">The credential tokens are asked of.</param>
/// <param name="now">The clock; the system's when null.</param>
public sealed class EntraGitTokenProvider(TokenCredential credential, Func<DateTimeOffset>? now = null) : IGitTokenProvider
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken)
    {
        var at = (now ?? (() => DateTimeOffset.UtcNow))();
        if (_tokens.TryGetValue(scope, out var cached) && cached.ExpiresOn - Margin > at)
        {
            return cached.Token;
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
        _tokens[scope] = token;
        return token.Token;
    }

    /// <summary>Registers the provider over <see cref="DefaultAzureCredential"/> unless another one is registered.</summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.TryAddSingleton<IGitTokenProvider>(_ => new EntraGitTokenProvider(new DefaultAzureCredential()));
        return services;
    }
}
