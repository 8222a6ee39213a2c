using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Azure;

namespace ParallelAgents.Api.Hosting;

/// <summary>Co-hosts the Orleans silo in the web process.</summary>
public static class SiloHosting
{
    /// <summary>
    /// Localhost clustering with in-memory state by default; with <c>Storage:Provider=AzureStorage</c>, Azure Table
    /// clustering and durable state. Invalid settings throw <see cref="OptionsValidationException"/> naming them.
    /// </summary>
    public static WebApplicationBuilder AddParallelAgentsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // Checked here, not only at start: the silo is built from these values.
        var validator = new StorageOptionsValidator();
        if (validator.Validate(null, storage) is { Failed: true } result)
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), result.Failures);
        }

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>>(validator);
        builder.Services.AddEntraModelCredentials();
        EntraGitTokenProvider.Register(builder.Services);

        StorageClients? clients = null;
        if (storage.IsAzure)
        {
            clients = StorageClients.Create(storage, configuration[ConfigurationKeys.AzureClientId]);

            // Registered before the silo so that unreachable storage stops start-up before Orleans begins retrying.
            builder.Services.AddHostedService(_ => new StoragePreflightService(clients, storage));
        }

        builder.UseOrleans(silo =>
        {
            var siloPort = configuration.GetValue(ConfigurationKeys.OrleansSiloPort, EndpointOptions.DEFAULT_SILO_PORT);
            var gatewayPort = configuration.GetValue(ConfigurationKeys.OrleansGatewayPort, EndpointOptions.DEFAULT_GATEWAY_PORT);
            if (clients is not null)
            {
                silo.UseAzureStorageClustering(o => o.TableServiceClient = clients.Tables);
                silo.ConfigureEndpoints(AdvertisedAddress.Resolve(configuration[ConfigurationKeys.OrleansAdvertisedIPAddress]), siloPort, gatewayPort, listenOnAnyHostAddress: true);
                silo.AddParallelAgentsAzureStorage(configuration, clients);
            }
            else
            {
                silo.UseLocalhostClustering();
                silo.AddParallelAgentsInMemory(configuration);

                // Read through DI so settings added late (tests, other hosts) are honoured.
                silo.Services.AddOptions<EndpointOptions>().PostConfigure<IConfiguration>((o, c) =>
                {
                    o.SiloPort = c.GetValue(ConfigurationKeys.OrleansSiloPort, EndpointOptions.DEFAULT_SILO_PORT);
                    o.GatewayPort = c.GetValue(ConfigurationKeys.OrleansGatewayPort, EndpointOptions.DEFAULT_GATEWAY_PORT);
                });
                silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().PostConfigure<IConfiguration>((o, c) =>
                    o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, c.GetValue(ConfigurationKeys.OrleansSiloPort, EndpointOptions.DEFAULT_SILO_PORT)));
            }

            // Membership's clock (the watchdog reads it) counts from start-up, so the watchdog's first check does not
            // report a stall as long as the machine's uptime; see StartRelativeTimeProvider.
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new StartRelativeTimeProvider());
            silo.Services.AddOptions<ClusterOptions>().PostConfigure<IConfiguration>((o, c) =>
            {
                o.ClusterId = c[ConfigurationKeys.OrleansClusterId] is { Length: > 0 } cluster ? cluster : "parallel-agents-dev";
                o.ServiceId = c[ConfigurationKeys.OrleansServiceId] is { Length: > 0 } service ? service : "parallel-agents";
            });
        });
        return builder;
    }

    /// <summary>Fails start-up with a clear message when storage does not answer.</summary>
    private sealed class StoragePreflightService(StorageClients clients, StorageOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => StoragePreflight.CheckAsync(clients, options, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
