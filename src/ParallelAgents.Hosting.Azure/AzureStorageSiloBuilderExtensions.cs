using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Workspaces;
using ParallelAgents.Hosting;

namespace ParallelAgents.Hosting.Azure;

/// <summary>The durable Azure Storage mode of a silo; kept apart so in-memory hosts carry no Azure packages.</summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>
    /// The durable mode: job, segment and index state in blobs (states grow with results; tables cap entity size),
    /// reminders in tables, uploads replicated to blobs. Progress events travel on in-cluster memory streams, as in the
    /// in-memory mode: they need no durability (the job's state is durable, a follower learns the end from the job
    /// itself and replays missed events from its window), and on persistent queues they cost two storage requests
    /// each plus the queues' polling. Clustering is set by the host (<c>UseAzureStorageClustering</c>).
    /// </summary>
    public static ISiloBuilder AddParallelAgentsAzureStorage(this ISiloBuilder silo, IConfiguration configuration, StorageClients clients)
    {
        silo.AddParallelAgentsCore(configuration);
        silo.Services.AddSingleton<IArchiveReplica>(new BlobArchiveReplica(clients.Blobs));
        silo.Services.AddSingleton(clients.Requests);
        silo.Services.AddHostedService<StorageRequestMeter>();
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

        // Subscriptions to progress live as long as their followers' connections: a silo that dies takes them with it,
        // and its followers still end with the job (docs/durability.md).
        silo.AddMemoryGrainStorage(Names.PubSubStorage);
        silo.AddMemoryStreams(Names.StreamProvider);
        silo.UseAzureTableReminderService(o => o.TableServiceClient = clients.Tables);
        return silo;
    }
}
