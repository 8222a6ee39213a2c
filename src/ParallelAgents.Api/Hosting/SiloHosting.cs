using System.Net;
using Orleans.Configuration;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Api.Hosting;

/// <summary>Co-hosts the Orleans silo in the web process.</summary>
public static class SiloHosting
{
    /// <summary>Localhost clustering with in-memory state by default; the durable mode is chosen by <c>Storage:Provider</c>.</summary>
    public static WebApplicationBuilder AddParallelAgentsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
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
            silo.Services.AddOptions<ClusterOptions>().PostConfigure<IConfiguration>((o, c) =>
            {
                o.ClusterId = c[ConfigurationKeys.OrleansClusterId] is { Length: > 0 } cluster ? cluster : "parallel-agents-dev";
                o.ServiceId = c[ConfigurationKeys.OrleansServiceId] is { Length: > 0 } service ? service : "parallel-agents";
            });
        });
        return builder;
    }
}
