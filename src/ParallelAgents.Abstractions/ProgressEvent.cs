namespace ParallelAgents.Abstractions;

/// <summary>
/// One event on a job's progress stream. Instance events carry the changed instance and the overall progress; the
/// full snapshot comes with <see cref="ProgressEventKind.Planned"/>, <see cref="ProgressEventKind.Degraded"/> and
/// <see cref="ProgressEventKind.JobCompleted"/>, so a 64-instance job does not ship 64 bars with every item.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Sequence">Increases by one per event of the job.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="SegmentIndex">The instance concerned, if any.</param>
/// <param name="Message">Human-readable detail (error, reason for a retry...).</param>
/// <param name="Status">The job's status after the event.</param>
/// <param name="Progress">Overall progress after the event.</param>
/// <param name="Instance">The instance concerned, after the event.</param>
/// <param name="Snapshot">The whole job, on planning, degradation and completion.</param>
[GenerateSerializer, Immutable, Alias("pa.ProgressEvent")]
public sealed record ProgressEvent(
    string JobId,
    long Sequence,
    ProgressEventKind Kind,
    DateTimeOffset At,
    int? SegmentIndex,
    string? Message,
    JobStatus Status,
    ProgressSummary Progress,
    InstanceSnapshot? Instance,
    JobSnapshot? Snapshot);
