using Microsoft.Extensions.Configuration;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Hosting;

/// <summary>Silo configuration for the service.</summary>
public static class ParallelAgentsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the service's grains' services and in-memory providers (grain state, progress streams, reminders).
    /// Clustering is left to the host: localhost for a single process, a test cluster, or Azure Table storage.
    /// </summary>
    public static ISiloBuilder AddParallelAgentsInMemory(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddParallelAgentsServices(configuration);
        silo.AddMemoryGrainStorage(Names.JobStorage);
        silo.AddMemoryGrainStorage(Names.SegmentStorage);
        silo.AddMemoryGrainStorage(Names.IndexStorage);
        silo.AddMemoryGrainStorage(Names.PubSubStorage);
        silo.AddMemoryStreams(Names.StreamProvider);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
