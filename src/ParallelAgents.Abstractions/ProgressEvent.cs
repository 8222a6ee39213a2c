namespace ParallelAgents.Abstractions;

/// <summary>One event on a job's progress stream, with the job snapshot as it stood after the event.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Sequence">Increases by one per event of the job.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="SegmentIndex">The instance concerned, if any.</param>
/// <param name="Message">Human-readable detail (error, reason for a retry...).</param>
/// <param name="Snapshot">The job after the event.</param>
[GenerateSerializer, Immutable, Alias("pa.ProgressEvent")]
public sealed record ProgressEvent(
    string JobId,
    long Sequence,
    ProgressEventKind Kind,
    DateTimeOffset At,
    int? SegmentIndex,
    string? Message,
    JobSnapshot Snapshot);
