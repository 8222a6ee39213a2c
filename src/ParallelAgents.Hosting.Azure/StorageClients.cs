using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ParallelAgents.Hosting;

namespace ParallelAgents.Hosting.Azure;

/// <summary>Azure Storage clients built from a connection string, or from endpoint URIs and managed identity.</summary>
public sealed class StorageClients
{
    private StorageClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
    }

    /// <summary>Table service: clustering, reminders, stream pub-sub state.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Blob service: job, segment and index state, uploaded workspaces.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>Queue service: progress streams.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Creates the clients; never from account keys in Azure (the connection string is for Azurite and development).</summary>
    public static StorageClients Create(StorageOptions options, string? managedIdentityClientId)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var cs = options.ConnectionString;
            return new StorageClients(new TableServiceClient(cs), new BlobServiceClient(cs), new QueueServiceClient(cs));
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
        });
        return new StorageClients(
            new TableServiceClient(options.TableServiceUri!, credential),
            new BlobServiceClient(options.BlobServiceUri!, credential),
            new QueueServiceClient(options.QueueServiceUri!, credential));
    }
}
