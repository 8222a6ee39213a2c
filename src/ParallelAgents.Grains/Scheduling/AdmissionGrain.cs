using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// The shell around <see cref="AdmissionScheduler"/>: one per cluster, its state in the job storage (a restart keeps
/// the queue), it answers coordinators' demands and silos' reports, and tells waiting jobs when their place changed or
/// slots were set aside for them. Not reentrant: every change is one transition, stored before anyone hears of it.
/// </summary>
public sealed class AdmissionGrain(
    [PersistentState("admission", Names.JobStorage)] IPersistentState<AdmissionState> state,
    IOptions<SchedulingOptions> options,
    ParallelAgentsMetrics metrics,
    ILogger<AdmissionGrain> logger) : Grain, IAdmissionGrain
{
    private AdmissionScheduler _scheduler = null!;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _scheduler = new AdmissionScheduler(state.State, options.Value.Limits);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.AdmissionQueueMoved(null);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<AdmissionAnswer> SyncAsync(JobDemand demand)
    {
        var (answer, notices) = _scheduler.Sync(demand, Now);
        await StoreAndTellAsync(notices);
        return answer;
    }

    /// <inheritdoc />
    public async Task ReportAsync(SiloCapacity silo) => await StoreAndTellAsync(_scheduler.Report(silo, Now));

    /// <inheritdoc />
    public Task<AdmissionView> GetViewAsync() => Task.FromResult(AdmissionView.Of(_scheduler, Now));

    private async Task StoreAndTellAsync(IReadOnlyList<AdmissionNotice> notices)
    {
        await state.WriteStateAsync();
        metrics.AdmissionQueueMoved((_scheduler.QueuedSegments, _scheduler.QueuedItems));
        foreach (var notice in notices)
        {
            try
            {
                // One-way: the coordinator asks for its slots itself, so a lost notice costs a tick, not a slot.
                _ = GrainFactory.GetGrain<ICommandGrain>(notice.JobId).AdmissionChangedAsync(notice.Position, notice.Offered);
            }
            catch (Exception e)
            {
                Log.AdmissionNoticeFailed(logger, e, notice.JobId);
            }
        }
    }
}
