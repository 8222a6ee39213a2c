using Microsoft.Extensions.Logging;

namespace ParallelAgents.Grains.Hosting;

/// <summary>Source-generated log messages with structured fields.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Job {JobId} planned: {Items} items in {Segments} segments ({Command})")]
    public static partial void JobPlanned(ILogger logger, string jobId, string command, int items, int segments);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} ended {Status} in {WallMs} ms")]
    public static partial void JobEnded(ILogger logger, string jobId, string status, double wallMs);

    [LoggerMessage(3, LogLevel.Warning, "Job {JobId} segment {Segment} attempt {Attempt} lost its instance: {Reason}")]
    public static partial void SegmentLost(ILogger logger, string jobId, int segment, int attempt, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Job {JobId} segment {Segment} attempt {Attempt} failed")]
    public static partial void SegmentFailed(ILogger logger, Exception exception, string jobId, int segment, int attempt);

    [LoggerMessage(5, LogLevel.Error, "Job {JobId} failed")]
    public static partial void JobFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(6, LogLevel.Information, "Job {JobId} resumed from persisted state ({Status})")]
    public static partial void JobResumed(ILogger logger, string jobId, string status);

    [LoggerMessage(7, LogLevel.Warning, "Job {JobId} segment {Segment} runs degraded: remaining items run sequentially after {Failures} dispatch failures")]
    public static partial void SegmentDegraded(ILogger logger, string jobId, int segment, int failures);

    [LoggerMessage(8, LogLevel.Warning, "Job {JobId}: a progress event could not be published")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(9, LogLevel.Debug, "Segment {JobId}/{Segment} rejected stale attempt {Attempt} (current {Current})")]
    public static partial void StaleAttempt(ILogger logger, string jobId, int segment, int attempt, int current);

    [LoggerMessage(10, LogLevel.Warning, "Segment {JobId}/{Segment}: ledger write conflict, re-reading and merging")]
    public static partial void WriteConflict(ILogger logger, string jobId, int segment);

    [LoggerMessage(11, LogLevel.Warning, "Job {JobId} segment {Segment}: no progress within the lease of {Lease}; stopping the attempt")]
    public static partial void LeaseExpired(ILogger logger, string jobId, int segment, TimeSpan lease);

    [LoggerMessage(12, LogLevel.Warning, "Job {JobId}: another coordinator activation holds the job (generation {Mine} → {Stored}, {Status}); this one steps down")]
    public static partial void CoordinatorSuperseded(ILogger logger, string jobId, long mine, long stored, string status);

    [LoggerMessage(13, LogLevel.Warning, "Job {JobId}: the stored state changed under this coordinator; carrying on from it (generation {Generation})")]
    public static partial void CoordinatorTookOver(ILogger logger, string jobId, long generation);

    [LoggerMessage(14, LogLevel.Warning, "Job {JobId}: the job list could not be updated")]
    public static partial void IndexUpdateFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(15, LogLevel.Information, "Job {JobId} accepted ({Command}, owner {Owner})")]
    public static partial void JobAccepted(ILogger logger, string jobId, string command, string owner);

    [LoggerMessage(16, LogLevel.Information, "Job {JobId}: cancel requested")]
    public static partial void CancelRequested(ILogger logger, string jobId);

    [LoggerMessage(17, LogLevel.Warning, "Job {JobId}: budget reached, no new item starts: {Reason}")]
    public static partial void BudgetReached(ILogger logger, string jobId, string reason);

    [LoggerMessage(18, LogLevel.Warning, "Job {JobId}: the admission scheduler could not be reached; the view is sent again on the next tick")]
    public static partial void AdmissionUnavailable(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(19, LogLevel.Debug, "Job {JobId}: the admission notice could not be sent")]
    public static partial void AdmissionNoticeFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(24, LogLevel.Warning, "The admission scheduler's state could not be written; it is tried again in a second")]
    public static partial void AdmissionStateWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "The duration history of {Command} could not be written; it is tried again in a second")]
    public static partial void HistoryWriteFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(20, LogLevel.Debug, "This silo's load could not be reported to the admission scheduler")]
    public static partial void LoadReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(21, LogLevel.Warning, "Job {JobId}: the command's duration history could not be read or written; planning goes on without it")]
    public static partial void HistoryUnavailable(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(22, LogLevel.Information, "Run {RunId} accepted: {Jobs} jobs ({Commands})")]
    public static partial void RunAccepted(ILogger logger, string runId, int jobs, string commands);

    [LoggerMessage(23, LogLevel.Warning, "Run {RunId}: the workspace could not be pinned ({Reason}); each job reports it")]
    public static partial void RunWorkspaceUnpinned(ILogger logger, string runId, string reason);
}
