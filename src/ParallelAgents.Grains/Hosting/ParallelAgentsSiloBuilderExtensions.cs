using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Placement;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Placement;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Grains.Hosting;

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
    /// Clustering is left to the host: localhost for a single process, a test cluster, or Azure Table storage.
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

    /// <summary>
    /// The durable mode: job, segment and index state in blobs (states grow with results; tables cap entity size),
    /// stream pub-sub state and reminders in tables, progress on queue streams, uploads replicated to blobs.
    /// Clustering is set by the host (<c>UseAzureStorageClustering</c>).
    /// </summary>
    public static ISiloBuilder AddParallelAgentsAzureStorage(this ISiloBuilder silo, IConfiguration configuration, StorageClients clients)
    {
        silo.AddParallelAgentsCore(configuration);
        silo.Services.AddSingleton<IArchiveReplica>(new BlobArchiveReplica(clients.Blobs));
        // States are stored with Orleans' own version-tolerant serializer: the wire records ([GenerateSerializer], [Id])
        // then need no second, JSON-shaped contract, and positional records with read-only collections round-trip.
        foreach (var name in new[] { Names.JobStorage, Names.SegmentStorage, Names.IndexStorage, Names.ModelStorage })
        {
            silo.AddAzureBlobGrainStorage(name, (OptionsBuilder<AzureBlobStorageOptions> ob) => ob.Configure<IServiceProvider>((o, sp) =>
            {
                o.BlobServiceClient = clients.Blobs;
                o.ContainerName = "state-" + name;
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(sp);
            }));
        }

        silo.AddAzureTableGrainStorage(Names.PubSubStorage, o => o.TableServiceClient = clients.Tables);
        silo.UseAzureTableReminderService(o => o.TableServiceClient = clients.Tables);
        silo.AddAzureQueueStreams(Names.StreamProvider, (OptionsBuilder<AzureQueueOptions> ob) =>
            ob.Configure(o => o.QueueServiceClient = clients.Queues));
        return silo;
    }
}
