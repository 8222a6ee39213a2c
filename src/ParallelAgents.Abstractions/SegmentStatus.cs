namespace ParallelAgents.Abstractions;

/// <summary>State of one agent instance (a segment of a job).</summary>
public enum SegmentStatus
{
    Pending,
    Running,
    Retrying,
    Reassigned,
    Completed,
    Failed,
    Cancelled,
}
