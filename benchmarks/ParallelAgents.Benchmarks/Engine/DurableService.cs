using System.Diagnostics;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// The service process storing in Azure Storage on one Azurite (in memory) started for the run, with its Prometheus
/// endpoint on so the storage request counter can be read, and the per-identity limits lifted (one anonymous client
/// submits everything).
/// </summary>
public sealed class DurableService : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private DurableService(AzuriteProcess azurite, ServiceProcess service)
    {
        _azurite = azurite;
        Service = service;
        Http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The service.</summary>
    public ServiceProcess Service { get; }

    /// <summary>A client for its HTTP port (for /metrics).</summary>
    public HttpClient Http { get; }

    /// <summary>Starts Azurite, then the service on it.</summary>
    public static async Task<DurableService> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentJobsPerIdentity"] = "0",
            ["Limits__SubmissionsPerMinute"] = "0",
            ["Storage__Provider"] = "AzureStorage",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Telemetry__Prometheus__Enabled"] = "true",
        });
        return new DurableService(azurite, service);
    }

    /// <summary>Requests per second of an idle service, by operation, over <paramref name="duration"/>.</summary>
    public async Task<StorageRequests> IdleRateAsync(TimeSpan duration)
    {
        var start = await StorageRequests.ReadAsync(Http);
        var sw = Stopwatch.StartNew();
        await Task.Delay(duration);
        var end = await StorageRequests.ReadAsync(Http);
        return end.Since(start).Per(sw.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> between two readings of the counter and answers what it sent, net of
    /// <paramref name="idlePerSecond"/>. The second reading waits <paramref name="settle"/> so the writes a job makes
    /// after announcing its end (the list, the watchdog) and the exporter's short cache are behind it.
    /// </summary>
    public async Task<(T Result, StorageRequests Requests)> MeasureAsync<T>(Func<Task<T>> work, StorageRequests idlePerSecond, TimeSpan settle)
    {
        var start = await StorageRequests.ReadAsync(Http);
        var sw = Stopwatch.StartNew();
        var result = await work();
        await Task.Delay(settle);
        var end = await StorageRequests.ReadAsync(Http);
        return (result, end.Since(start).Net(idlePerSecond, sw.Elapsed.TotalSeconds));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        _azurite.Dispose();
    }
}
