using Azure;
using Azure.Storage.Blobs;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Hosting.Azure;

/// <summary>Uploaded archives in a blob container, so a silo that did not receive the upload can still run the job.</summary>
public sealed class BlobArchiveReplica(BlobServiceClient blobs) : IArchiveReplica
{
    /// <summary>The container holding uploaded archives.</summary>
    public const string Container = "workspaces";

    /// <inheritdoc />
    public async Task UploadAsync(string id, string archivePath, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await container.GetBlobClient(id).UploadAsync(archivePath, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Content-addressed: an existing blob with this id has the same bytes.
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryDownloadAsync(string id, string archivePath, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.GetBlobContainerClient(Container).GetBlobClient(id).DownloadToAsync(archivePath, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            if (File.Exists(archivePath))
            {
                File.Delete(archivePath);
            }

            return false;
        }
    }
}
