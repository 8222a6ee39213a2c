using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// A coordinator's line to the admission scheduler. One sync at a time: each carries the job's whole view and its
/// answer is applied before the next is sent, so the scheduler's count of the job's slots is never overwritten by a
/// view older than a grant it made. A sync asked for while one is out is sent after it. Runs on the grain's scheduler.
/// </summary>
public sealed class AdmissionLink(string jobId, IGrainFactory grains, Func<JobDemand> demand, Func<AdmissionAnswer, Task> apply, ILogger logger)
{
    private bool _sending;
    private bool _again;

    /// <summary>When the last sync was sent.</summary>
    public DateTimeOffset LastSent { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The scheduler's notice: slots were set aside for the job (ask for them), or its place changed.</summary>
    public Task ChangedAsync(JobState job, JobMachine machine, int? position, bool offered)
    {
        if (job.Spec is null)
        {
            return Task.CompletedTask;
        }

        if (offered)
        {
            _ = SyncAsync();
        }
        else
        {
            machine.QueueMoved(position);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A notice from the scheduler may be lost: a job whose segments wait asks again every few seconds, and one that
    /// holds slots re-sends its view every minute, so the scheduler never drops it as silent.
    /// </summary>
    public void SyncIfStale(JobState job)
    {
        var since = DateTimeOffset.UtcNow - LastSent;
        if (job.Planned && !job.Status.IsTerminal() && ((job.QueuedSegments > 0 && since > TimeSpan.FromSeconds(5)) || since > TimeSpan.FromMinutes(1)))
        {
            _ = SyncAsync();
        }
    }

    /// <summary>Sends the job's view and applies the answer (again, if the view changed meanwhile).</summary>
    public async Task SyncAsync()
    {
        if (_sending)
        {
            _again = true;
            return;
        }

        _sending = true;
        try
        {
            do
            {
                _again = false;
                LastSent = DateTimeOffset.UtcNow;
                AdmissionAnswer answer;
                try
                {
                    answer = await grains.GetGrain<IAdmissionGrain>(0).SyncAsync(demand());
                }
                catch (Exception e)
                {
                    // The scheduler is moving or its storage failed: the coordinator's tick sends the view again.
                    Log.AdmissionUnavailable(logger, e, jobId);
                    return;
                }

                await apply(answer);
            }
            while (_again);
        }
        finally
        {
            _sending = false;
        }
    }
}
