using System.ComponentModel.DataAnnotations;

namespace ParallelAgents.Grains.Hosting;

/// <summary>Where state, reminders, streams and uploads live. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Storage";

    /// <summary><c>Memory</c> (default, one process) or <c>AzureStorage</c> (durable, clustered).</summary>
    public string Provider { get; set; } = "Memory";

    /// <summary>An Azure Storage connection string (Azurite: <c>UseDevelopmentStorage=true</c> or explicit endpoints).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service endpoint, used with managed identity when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Blob service endpoint, used with managed identity when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue service endpoint, used with managed identity when no connection string is set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>How long the start-up check waits for storage before the service stops with an error.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>True for the durable Azure Storage mode.</summary>
    public bool IsAzure => string.Equals(Provider, "AzureStorage", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with the settings, each naming the setting in environment-variable form.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsAzure && !string.Equals(Provider, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage__Provider is '{Provider}'; use Memory or AzureStorage.");
            return errors;
        }

        if (!IsAzure)
        {
            return errors;
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (!ConnectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                && !ConnectionString.Contains("Endpoint", StringComparison.OrdinalIgnoreCase)
                && !ConnectionString.Contains("AccountName", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("Storage__ConnectionString is not an Azure Storage connection string (expected AccountName=...;AccountKey=... or endpoints, or UseDevelopmentStorage=true).");
            }

            return errors;
        }

        foreach (var (name, uri) in new[] { ("Storage__TableServiceUri", TableServiceUri), ("Storage__BlobServiceUri", BlobServiceUri), ("Storage__QueueServiceUri", QueueServiceUri) })
        {
            if (uri is null)
            {
                errors.Add($"{name} is required when Storage__Provider=AzureStorage and no Storage__ConnectionString is set.");
            }
            else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{name} must be an absolute http(s) URI, e.g. https://<account>.table.core.windows.net.");
            }
        }

        return errors;
    }
}
