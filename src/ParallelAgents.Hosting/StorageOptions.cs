namespace ParallelAgents.Hosting;

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
}
