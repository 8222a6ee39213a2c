namespace ParallelAgents.Abstractions;

/// <summary>Lifecycle of a job. The last four values are terminal.</summary>
public enum JobStatus
{
    Pending,
    Planning,
    Running,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
}
