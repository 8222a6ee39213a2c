using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Api.Hosting;

/// <summary>Ready when the silo answers a grain call: the cluster is joined and storage is reachable.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await JobIndex.ListAsync(grains, null, null, 0, 1).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The silo did not answer.", e);
        }
    }
}
