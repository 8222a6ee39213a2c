using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Engine.Jobs;

/// <summary>How a job is retried, moved, degraded and bounded.</summary>
/// <param name="Retry">Retries of attempts that fail with an error.</param>
/// <param name="MaxReassignments">Times a segment may move after losing its instance.</param>
/// <param name="DegradeAfterDispatchFailures">Consecutive failed dispatches after which the rest runs sequentially.</param>
/// <param name="SegmentLease">An attempt without a sign of life for this long is stopped and moved.</param>
/// <param name="MaxJobDuration">A job running longer fails; zero = no limit.</param>
/// <param name="Admission">Segments wait for a slot from the cluster's admission scheduler before they are sent.</param>
public sealed record JobRules(
    RetryPolicy Retry,
    int MaxReassignments,
    int DegradeAfterDispatchFailures,
    TimeSpan SegmentLease,
    TimeSpan MaxJobDuration,
    bool Admission = false)
{
    /// <summary>The service's defaults.</summary>
    public static JobRules Default { get; } = new(RetryPolicy.Default, 20, 6, TimeSpan.FromMinutes(10), TimeSpan.Zero);
}
