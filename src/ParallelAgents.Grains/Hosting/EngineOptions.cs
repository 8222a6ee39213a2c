using System.ComponentModel.DataAnnotations;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Grains.Hosting;

/// <summary>How jobs are run and recovered. Section <c>Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Engine";

    /// <summary>Dispatch attempts per segment for failures other than losing the instance, the first included.</summary>
    [Range(1, 100)]
    public int RetryMaxAttempts { get; set; } = 3;

    /// <summary>Backoff ceiling before the first retry; doubles per attempt, with full jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on the backoff ceiling.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Times a segment may be moved to another silo after losing its instance.</summary>
    [Range(0, 1000)]
    public int MaxReassignments { get; set; } = 20;

    /// <summary>A running segment that reports no progress for this long is treated as lost and redistributed.</summary>
    public TimeSpan SegmentLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many consecutive dispatch failures of one segment, its remaining items run sequentially.</summary>
    [Range(1, 1000)]
    public int DegradeAfterDispatchFailures { get; set; } = 6;

    /// <summary>How often the watchdog reminder checks that an unfinished job is alive (Orleans' minimum is one minute).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most work items a job may have; a job whose assessment returns more ends <c>Failed</c>. Zero = no limit.</summary>
    [Range(0, int.MaxValue)]
    public int MaxWorkItemsPerJob { get; set; }

    /// <summary>Longest a job may run before it ends <c>Failed</c>; zero = no limit.</summary>
    public TimeSpan MaxJobDuration { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Longest time a segment holds finished results before checkpointing them (and only then reporting them).
    /// Zero checkpoints after every item; the default batches very short items so large segments stay cheap.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a finished job's coordinator stays activated after its end, or after a read brought it back: the
    /// replay window for clients that reconnect. Then it deactivates (a later read reactivates it from storage).
    /// Zero deactivates it as soon as it is idle.
    /// </summary>
    public TimeSpan KeepFinishedJobFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The retry policy these options describe.</summary>
    public RetryPolicy RetryPolicy => new(RetryMaxAttempts, RetryBaseDelay, RetryMaxDelay);

    /// <summary>The job rules these options describe.</summary>
    public JobRules Rules => new(RetryPolicy, MaxReassignments, DegradeAfterDispatchFailures, SegmentLease, MaxJobDuration);
}
