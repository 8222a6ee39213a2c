namespace ParallelAgents.Abstractions;

/// <summary>What a submission under an idempotency key found.</summary>
/// <param name="Snapshot">The job: new, or the one the key already named.</param>
/// <param name="Replayed">The key already named a job; nothing new was started.</param>
/// <param name="Conflict">The key already named a job submitted with a different request.</param>
[GenerateSerializer, Immutable, Alias("pa.SubmitResult")]
public sealed record SubmitResult(JobSnapshot Snapshot, bool Replayed, bool Conflict);
