using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Jobs;

/// <summary>What a job leaves for readers besides its own state: its report and its row in the job list.</summary>
public sealed class JobRecords(IPersistentState<ReportState> report, IGrainFactory grains, ILogger logger, string jobId)
{
    private readonly CoalescingWriter _reportWriter = new(() => report.WriteStateAsync());

    /// <summary>The stored report; null until the job ends.</summary>
    public JobReport? Report => report.State.Report;

    /// <summary>Stores the report.</summary>
    public async Task WriteReportAsync(JobReport value)
    {
        report.State.Report = value;
        try
        {
            await _reportWriter.WriteAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this job stored its report first: both come from the same ledgers.
            await report.ReadStateAsync();
        }
    }

    /// <summary>Writes the job's row; a failure is logged, and the list catches up at the job's next change.</summary>
    public async Task UpdateIndexAsync(JobSummary summary)
    {
        try
        {
            await grains.GetGrain<IJobIndexGrain>(0).UpsertAsync(summary);
        }
        catch (Exception e)
        {
            Log.IndexUpdateFailed(logger, e, jobId);
        }
    }
}
