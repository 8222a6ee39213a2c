using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Hosting.Azure;

/// <summary>Puts the storage clients' request counts on the host's <c>ParallelAgents</c> meter once the host starts.</summary>
public sealed class StorageRequestMeter(StorageRequestCounter counter, IMeterFactory meters) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        counter.Observe(meters);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
