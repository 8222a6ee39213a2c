using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Hosting;

namespace ParallelAgents.Hosting.Azure;

/// <summary>Azure Storage clients built from a connection string, or from endpoint URIs and managed identity.</summary>
public sealed class StorageClients
{
    private StorageClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageRequestCounter requests)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
        Requests = requests;
    }

    /// <summary>Table service: clustering, reminders, stream pub-sub state.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Blob service: job, segment and index state, uploaded workspaces.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>Queue service: nothing is sent on it since progress moved to in-cluster streams; kept so deployments' settings stay valid.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Every request the three clients sent, by service and operation.</summary>
    public StorageRequestCounter Requests { get; }

    /// <summary>Creates the clients; never from account keys in Azure (the connection string is for Azurite and development).</summary>
    public static StorageClients Create(StorageOptions options, string? managedIdentityClientId)
    {
        var requests = new StorageRequestCounter();
        var (tableOptions, blobOptions, queueOptions) = (Counted(new TableClientOptions(), StorageOperations.Table, requests),
            Counted(new BlobClientOptions(), StorageOperations.Blob, requests), Counted(new QueueClientOptions(), StorageOperations.Queue, requests));
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var cs = options.ConnectionString;
            return new StorageClients(new TableServiceClient(cs, tableOptions), new BlobServiceClient(cs, blobOptions), new QueueServiceClient(cs, queueOptions), requests);
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
        });
        return new StorageClients(
            new TableServiceClient(options.TableServiceUri!, credential, tableOptions),
            new BlobServiceClient(options.BlobServiceUri!, credential, blobOptions),
            new QueueServiceClient(options.QueueServiceUri!, credential, queueOptions),
            requests);
    }

    private static T Counted<T>(T clientOptions, string service, StorageRequestCounter requests)
        where T : ClientOptions
    {
        clientOptions.AddPolicy(new StorageRequestPolicy(service, requests), HttpPipelinePosition.PerRetry);
        return clientOptions;
    }
}
