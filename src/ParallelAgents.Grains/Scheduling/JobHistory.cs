using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning.History;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// A coordinator's use of its command's history: read it to plan, teach it when the job ends, and the cluster's
/// capacity both are measured against. History is advisory: when it cannot be read, the job is planned without it.
/// </summary>
public sealed class JobHistory(string jobId, IGrainFactory grains, SchedulingOptions options, ILogger logger)
{
    /// <summary>Learning is on.</summary>
    public bool Enabled => options.LearnFromHistory;

    /// <summary>The command's history, or null when there is none to use.</summary>
    public async Task<DurationHistory?> GetAsync(string command)
    {
        if (!Enabled)
        {
            return null;
        }

        try
        {
            var history = await grains.GetGrain<ICommandHistoryGrain>(command).GetAsync();
            return history.Runs > 0 ? history : null;
        }
        catch (Exception e)
        {
            Log.HistoryUnavailable(logger, e, jobId);
            return null;
        }
    }

    /// <summary>
    /// Segments the cluster runs at once: the silos' budgets summed (times the share of a slot a latency-bound segment
    /// takes, for <paramref name="latencyBound"/> work), or this machine's cores without admission.
    /// </summary>
    public async Task<int> CapacityAsync(bool latencyBound = false)
    {
        if (options.Enabled)
        {
            try
            {
                var budget = (await grains.GetGrain<IAdmissionGrain>(0).GetViewAsync()).Silos.Sum(s => s.Budget);
                if (budget > 0)
                {
                    return latencyBound ? budget * options.LatencyBoundShare : budget;
                }
            }
            catch (Exception e)
            {
                Log.AdmissionUnavailable(logger, e, jobId);
            }
        }

        return Environment.ProcessorCount;
    }

    /// <summary>Teaches the command's history what the finished job observed.</summary>
    public async Task RecordAsync(JobState job, IReadOnlyList<ItemResult> results)
    {
        if (!Enabled || job.Spec is null)
        {
            return;
        }

        try
        {
            if (RunObservations.Of(job, results, await CapacityAsync(job.LatencyBound)) is { } run)
            {
                await grains.GetGrain<ICommandHistoryGrain>(job.Spec.Command).RecordAsync(run);
            }
        }
        catch (Exception e)
        {
            Log.HistoryUnavailable(logger, e, jobId);
        }
    }
}
