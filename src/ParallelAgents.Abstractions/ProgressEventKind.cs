namespace ParallelAgents.Abstractions;

/// <summary>Kinds of events on a job's progress stream.</summary>
public enum ProgressEventKind
{
    Planned,
    SegmentStarted,
    ItemCompleted,
    SegmentRetrying,
    SegmentReassigned,
    SegmentCompleted,
    SegmentFailed,
    Degraded,
    JobCompleted,
    BudgetReached,
}
