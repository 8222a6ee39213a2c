using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Cli.Jobs;

/// <summary>Where jobs run: a service over HTTP, or a silo inside this process.</summary>
public interface IJobBackend : IAsyncDisposable
{
    /// <summary>Submits the job; throws <see cref="CliException"/> with the reasons when it is rejected.</summary>
    Task<JobSnapshot> SubmitAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>Reports every change of the job until it ends; returns the final snapshot.</summary>
    Task<JobSnapshot> WatchAsync(string jobId, Action<JobSnapshot> onUpdate, CancellationToken cancellationToken);

    /// <summary>Asks the job to stop.</summary>
    Task<JobSnapshot?> CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The finished job's report in a format.</summary>
    Task<string> GetReportAsync(string jobId, ReportFormat format, CancellationToken cancellationToken);

    /// <summary>
    /// Submits a cross-command run: the jobs share the first request's workspace and priority. Throws
    /// <see cref="CliException"/> with the reasons when it is rejected.
    /// </summary>
    Task<RunRecord> SubmitRunAsync(IReadOnlyList<JobRequest> jobs, CancellationToken cancellationToken);

    /// <summary>The finished run's combined report in a format.</summary>
    Task<string> GetRunReportAsync(RunRecord run, ReportFormat format, CancellationToken cancellationToken);
}
