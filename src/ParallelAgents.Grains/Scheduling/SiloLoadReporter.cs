using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// Reports this silo's cores, CPU and memory (<see cref="ISiloLoadProbe"/>; Orleans' filtered environment statistics by
/// default) to the admission scheduler every <see cref="SchedulingOptions.ReportInterval"/>, so its budget follows its load.
/// </summary>
public sealed class SiloLoadReporter(
    IGrainFactory grains,
    ISiloLoadProbe probe,
    IOptions<SchedulingOptions> options,
    ILogger<SiloLoadReporter> logger) : BackgroundService
{
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
                await grains.GetGrain<IAdmissionGrain>(0).ReportAsync(probe.Measure()).WaitAsync(stoppingToken);
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
