using Orleans.Runtime;
using Orleans.Statistics;
using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>The silo's load from Orleans' environment statistics (Kalman-filtered CPU and memory), and its usable cores.</summary>
public sealed class EnvironmentLoadProbe(ILocalSiloDetails silo, IEnvironmentStatisticsProvider statistics) : ISiloLoadProbe
{
    /// <inheritdoc />
    public SiloCapacity Measure()
    {
        var s = statistics.GetEnvironmentStatistics();
        return new SiloCapacity(
            silo.SiloAddress.ToParsableString(),
            Environment.ProcessorCount,
            s.FilteredCpuUsagePercentage,
            s.FilteredMemoryUsageBytes,
            s.FilteredAvailableMemoryBytes,
            s.MaximumAvailableMemoryBytes,
            DateTimeOffset.UtcNow);
    }
}
