using Microsoft.Extensions.DependencyInjection;

namespace ParallelAgents.Commands.Docs;

/// <summary>Registers the docs command.</summary>
public static class DocsServiceCollectionExtensions
{
    /// <summary>Adds the <c>docs</c> command and the HTTP client its external link checks use.</summary>
    public static IServiceCollection AddDocsCommand(this IServiceCollection services)
    {
        services.AddAgentCommand<DocsCommand>();
        services.AddLinkCheckHttpClient();
        return services;
    }

    /// <summary>
    /// The factory client <see cref="ExternalLinkChecker.HttpClientName"/>: redirects followed (at most five), no
    /// client-wide timeout (the checker times each link), and <see cref="LinkCheckResilience"/> as its only retry layer.
    /// </summary>
    public static IHttpClientBuilder AddLinkCheckHttpClient(this IServiceCollection services)
    {
        var builder = services.AddHttpClient(ExternalLinkChecker.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("ParallelAgents-docs/1.0");
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5 });
        builder.AddResilienceHandler(ExternalLinkChecker.HttpClientName, LinkCheckResilience.Configure);
        return builder;
    }
}
