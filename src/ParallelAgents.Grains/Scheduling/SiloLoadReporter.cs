using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Statistics;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// Reports this silo's cores, CPU and memory (Orleans' filtered environment statistics) to the admission scheduler
/// every <see cref="SchedulingOptions.ReportInterval"/>, so its budget follows its load.
/// </summary>
public sealed class SiloLoadReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IEnvironmentStatisticsProvider statistics,
    IOptions<SchedulingOptions> options,
    ILogger<SiloLoadReporter> logger) : BackgroundService
{
    /// <summary>This silo's report as of now.</summary>
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ReportInterval);
        do
        {
            try
            {
                await grains.GetGrain<IAdmissionGrain>(0).ReportAsync(Measure()).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Until the silo is up, and while the scheduler moves, reports fail; the next one goes out on time.
                Log.LoadReportFailed(logger, e);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
