using Microsoft.Extensions.Logging;

namespace ParallelAgents.Grains.Index;

/// <summary>Source-generated log messages of the job index.</summary>
internal static partial class IndexLog
{
    [LoggerMessage(101, LogLevel.Warning, "Job index bucket {Bucket}: storing {Chunks} changed chunks failed; they are retried with the next write")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string bucket, int chunks);

    [LoggerMessage(103, LogLevel.Information, "Job index bucket {Bucket}: the silo is stopping and {Chunks} chunks with progress changes could not be stored ({Reason}); statuses were stored as they changed")]
    public static partial void NotStoredAtStop(ILogger logger, string bucket, int chunks, string reason);

    [LoggerMessage(102, LogLevel.Information, "Job index bucket {Bucket} loaded {Rows} rows from {Chunks} chunks")]
    public static partial void Loaded(ILogger logger, string bucket, int rows, int chunks);
}
