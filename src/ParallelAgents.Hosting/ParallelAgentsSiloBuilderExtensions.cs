using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Placement;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Placement;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Hosting;

/// <summary>Silo configuration for the service.</summary>
public static class ParallelAgentsSiloBuilderExtensions
{
    /// <summary>Services and placement every silo needs, whatever its storage.</summary>
    public static ISiloBuilder AddParallelAgentsCore(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddParallelAgentsServices(configuration);
        silo.Services.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();

        // Each silo tells the cluster's admission scheduler its cores and load, so its budget follows them.
        silo.Services.TryAddSingleton<ISiloLoadProbe, EnvironmentLoadProbe>();
        silo.Services.AddHostedService<SiloLoadReporter>();

        // Trace context travels with grain calls, so Orleans' own spans join the job's trace on every silo.
        silo.AddActivityPropagation();

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
        // The same serializer as the durable mode: the stored records keep one contract in both modes, and Orleans'
        // binary copy costs a fraction of the default JSON one on every write of a job's state. Large states are
        // deflated: here the storage is the process, and finished jobs' ledgers and reports are what stays in it.
        foreach (var name in new[] { Names.JobStorage, Names.SegmentStorage, Names.IndexStorage, Names.ModelStorage })
        {
            silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> ob) => ob.Configure<IServiceProvider>((o, sp) =>
                o.GrainStorageSerializer = new CompressingGrainStorageSerializer(ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(sp))));
        }

        silo.AddMemoryGrainStorage(Names.PubSubStorage);
        silo.AddMemoryStreams(Names.StreamProvider);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
