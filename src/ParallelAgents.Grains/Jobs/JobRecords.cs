using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// What a job leaves for readers besides its own state: its report and its row in the job list. The report (the
/// same state a <c>[PersistentState("report")]</c> would hold) is read only when asked for once the job has ended, so
/// a new job's activation does not read a report that cannot exist yet.
/// </summary>
public sealed class JobRecords(IGrainStorage storage, GrainId grainId, IGrainFactory grains, ILogger logger, string jobId)
{
    private const string ReportStateName = "report";

    private readonly GrainState<ReportState> _report = new(new ReportState());
    private CoalescingWriter? _reportWriter;
    private bool _loaded;

    private ReportState Stored => _report.State ??= new ReportState();

    /// <summary>The stored report; null until the job ends (<paramref name="ended"/>).</summary>
    public async Task<JobReport?> ReadReportAsync(bool ended)
    {
        if (!_loaded && ended)
        {
            await ReadAsync();
        }

        return Stored.Report;
    }

    /// <summary>Stores the report.</summary>
    public async Task WriteReportAsync(JobReport value)
    {
        // From here this activation holds the report: a reader must not replace it with what storage had before.
        Stored.Report = value;
        _loaded = true;
        try
        {
            await (_reportWriter ??= new CoalescingWriter(() => storage.WriteStateAsync(ReportStateName, grainId, _report))).WriteAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this job stored its report first: both come from the same ledgers.
            await ReadAsync();
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

    private async Task ReadAsync()
    {
        await storage.ReadStateAsync(ReportStateName, grainId, _report);
        _report.State ??= new ReportState();
        _loaded = true;
    }
}
