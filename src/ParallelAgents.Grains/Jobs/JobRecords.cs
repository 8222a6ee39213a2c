using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// What a job leaves for readers besides its own state: its report and its row in the job list. The report (the
/// same state a <c>[PersistentState("report")]</c> would hold) is read only when asked for once the job has ended, so
/// a new job's activation does not read a report that cannot exist yet; and it is not kept once stored: a finished
/// job's coordinator would otherwise hold every finding until Orleans collects it, each read is one from storage.
/// </summary>
public sealed class JobRecords(IGrainStorage storage, GrainId grainId, IGrainFactory grains, ILogger logger, string jobId)
{
    private const string ReportStateName = "report";

    private readonly GrainState<ReportState> _report = new(new ReportState());
    private CoalescingWriter? _reportWriter;

    private ReportState Stored => _report.State ??= new ReportState();

    /// <summary>The stored report; null until the job ends (<paramref name="ended"/>).</summary>
    public async Task<JobReport?> ReadReportAsync(bool ended)
    {
        if (Stored.Report is not null || !ended)
        {
            return Stored.Report;
        }

        var read = new GrainState<ReportState>(new ReportState());
        await storage.ReadStateAsync(ReportStateName, grainId, read);
        return read.State?.Report;
    }

    /// <summary>Stores the report; a reader gets it from here while it is being written, then from storage.</summary>
    public async Task WriteReportAsync(JobReport value)
    {
        Stored.Report = value;
        try
        {
            await (_reportWriter ??= new CoalescingWriter(() => storage.WriteStateAsync(ReportStateName, grainId, _report))).WriteAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this job stored its report first: both come from the same ledgers.
            await storage.ReadStateAsync(ReportStateName, grainId, _report);
        }
        finally
        {
            _report.State = new ReportState();
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
