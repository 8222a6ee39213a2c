using System.Net;
using Orleans.Configuration;
using Orleans.Runtime;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Azure;

namespace ParallelAgents.Api.Hosting;

/// <summary>The Orleans silo in this process (roles Combined and Silo).</summary>
public static class SiloHosting
{
    /// <summary>
    /// Localhost clustering with in-memory state without <paramref name="clients"/>; with them (Storage:Provider=AzureStorage),
    /// Azure Table clustering and durable state.
    /// </summary>
    public static WebApplicationBuilder AddParallelAgentsSilo(this WebApplicationBuilder builder, StorageClients? clients)
    {
        var configuration = builder.Configuration;
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
            ClusterHosting.AddClusterIdentity(silo.Services);
        });
        return builder;
    }
}
