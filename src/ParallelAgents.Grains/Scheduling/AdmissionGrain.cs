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
/// slots were set aside for them. Not reentrant: every change is one transition.
/// </summary>
/// <remarks>
/// The state is written at most once per <see cref="WriteDelay"/> (and when the grain deactivates), not once per
/// transition: every segment's start and end is a transition, and one write each made the cluster's one scheduler the
/// bottleneck of the durable mode (a blob upload per segment start and end, one after another). What a crash can lose
/// is the last second of the scheduler's picture, never a job: each coordinator sends its whole view again on its next
/// change, every 5 s while it waits and every minute while it holds slots, and the scheduler takes that view as the
/// truth, so a lost grant is at worst a slot handed out twice until the holder's next sync.
/// </remarks>
public sealed class AdmissionGrain(
    [PersistentState("admission", Names.JobStorage)] IPersistentState<AdmissionState> state,
    IOptions<SchedulingOptions> options,
    ParallelAgentsMetrics metrics,
    ILogger<AdmissionGrain> logger) : Grain, IAdmissionGrain
{
    /// <summary>How long a change may wait before the state is written.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(1);

    private AdmissionScheduler _scheduler = null!;
    private DeferredWriter _writer = null!;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _scheduler = new AdmissionScheduler(state.State, options.Value.Limits);
        _writer = new DeferredWriter(this, state.WriteStateAsync, WriteDelay, e => Log.AdmissionStateWriteFailed(logger, e));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.AdmissionQueueMoved(null);
        await _writer.FlushAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AdmissionAnswer> SyncAsync(JobDemand demand)
    {
        var (answer, notices) = _scheduler.Sync(demand, Now);
        AfterChange(notices);
        return Task.FromResult(answer);
    }

    /// <inheritdoc />
    public Task ReportAsync(SiloCapacity silo)
    {
        AfterChange(_scheduler.Report(silo, Now));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AdmissionView> GetViewAsync() => Task.FromResult(AdmissionView.Of(_scheduler, Now));

    // A transition happened: its state is written within WriteDelay, and the jobs it moved hear of it now.
    private void AfterChange(IReadOnlyList<AdmissionNotice> notices)
    {
        _writer.Changed();
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
