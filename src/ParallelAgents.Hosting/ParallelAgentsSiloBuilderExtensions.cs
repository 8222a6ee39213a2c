using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Placement;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Placement;

namespace ParallelAgents.Hosting;

/// <summary>Silo configuration for the service.</summary>
public static class ParallelAgentsSiloBuilderExtensions
{
    /// <summary>Services and placement every silo needs, whatever its storage.</summary>
    public static ISiloBuilder AddParallelAgentsCore(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddParallelAgentsServices(configuration);
        silo.Services.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();

        // Failure detection can be tuned per deployment (and made fast in tests): Orleans:Membership:ProbeTimeout...
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        return silo;
    }

    /// <summary>
    /// Adds the service's grains' services and in-memory providers (grain state, progress streams, reminders).
    /// Clustering is left to the host: localhost for a single process or a test cluster. The durable mode is
    /// <c>AddParallelAgentsAzureStorage</c> in ParallelAgents.Hosting.Azure.
    /// </summary>
    public static ISiloBuilder AddParallelAgentsInMemory(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddParallelAgentsCore(configuration);
        silo.AddMemoryGrainStorage(Names.JobStorage);
        silo.AddMemoryGrainStorage(Names.SegmentStorage);
        silo.AddMemoryGrainStorage(Names.IndexStorage);
        silo.AddMemoryGrainStorage(Names.ModelStorage);
        silo.AddMemoryGrainStorage(Names.PubSubStorage);
        silo.AddMemoryStreams(Names.StreamProvider);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
