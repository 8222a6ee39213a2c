using System.ClientModel;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParallelAgents.Hosting.Azure;

/// <summary>The Microsoft Entra ID credential model providers use when no API key is configured.</summary>
public static class EntraModelCredentials
{
    /// <summary>
    /// Registers <see cref="DefaultAzureCredential"/> (managed identity in Azure) for Azure OpenAI without a key. Hosts
    /// that do not call this, such as the CLI, carry no Azure package and need the key.
    /// </summary>
    public static IServiceCollection AddEntraModelCredentials(this IServiceCollection services)
    {
        services.TryAddSingleton<AuthenticationTokenProvider>(_ => new DefaultAzureCredential());
        return services;
    }
}
