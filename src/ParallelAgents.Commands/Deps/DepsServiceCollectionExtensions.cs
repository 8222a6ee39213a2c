using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>Registers deps-audit and its silo-wide advisory service.</summary>
public static class DepsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the command, <see cref="AdvisoryOptions"/> bound from the section <c>Advisories</c> when an
    /// <see cref="IConfiguration"/> is registered (validated at start-up), the OSV API's factory client, and one
    /// <see cref="AdvisoryService"/> per container (silo).
    /// </summary>
    public static IServiceCollection AddDepsAuditCommand(this IServiceCollection services)
    {
        services.AddAgentCommand<DepsAuditCommand>();
        services.AddOptions<AdvisoryOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(AdvisoryOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdvisoryOptions>, AdvisoryOptionsValidator>());
        services.AddOsvHttpClient();
        services.TryAddSingleton(sp => new AdvisoryService(
            sp.GetRequiredService<IOptions<AdvisoryOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// The factory client <see cref="OsvApiClient.HttpClientName"/>: no client-wide timeout, and
    /// <see cref="OsvResilience"/> (from the registered <see cref="AdvisoryOptions"/>) as its only retry layer.
    /// </summary>
    public static IHttpClientBuilder AddOsvHttpClient(this IServiceCollection services)
    {
        var builder = services.AddHttpClient(OsvApiClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        // The silo's advisory service keeps its client for the process's life, so connections are recycled here
        // (DNS changes are seen) rather than by the factory's handler rotation.
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        builder.AddResilienceHandler(OsvApiClient.HttpClientName, (pipeline, context) =>
            OsvResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<AdvisoryOptions>>().Value));
        return builder;
    }
}
