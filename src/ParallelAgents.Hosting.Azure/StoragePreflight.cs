using Azure;
using ParallelAgents.Hosting;

namespace ParallelAgents.Hosting.Azure;

/// <summary>
/// Checks at start-up that the table and blob services answer, so unreachable or refused storage stops the service
/// with a message naming the setting instead of hanging in the silo's own retries.
/// </summary>
public static class StoragePreflight
{
    /// <summary>Throws <see cref="StorageUnavailableException"/> when storage does not answer in time.</summary>
    public static async Task CheckAsync(StorageClients clients, StorageOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartupTimeout);
        var where = string.IsNullOrWhiteSpace(options.ConnectionString) ? "Storage__TableServiceUri / Storage__BlobServiceUri" : "Storage__ConnectionString";
        try
        {
            await clients.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync();
            await clients.Blobs.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).GetAsyncEnumerator(timeout.Token).MoveNextAsync();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Azure Storage did not answer within {options.StartupTimeout.TotalSeconds:0} s. Check {where} ({clients.Tables.Uri.GetLeftPart(UriPartial.Authority)}).");
        }
        catch (RequestFailedException e)
        {
            throw new StorageUnavailableException($"Azure Storage refused the start-up check ({e.Status} {e.ErrorCode}). Check {where} and the identity's data-plane roles. {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (e is AggregateException or System.Net.Http.HttpRequestException or global::Azure.Identity.AuthenticationFailedException)
        {
            throw new StorageUnavailableException($"Azure Storage could not be reached: {e.Message.Split('\n')[0]} Check {where}.");
        }
    }
}
