namespace ParallelAgents.Engine.Scheduling;

/// <summary>The scheduler's answer to a <see cref="JobDemand"/>.</summary>
/// <param name="Granted">One silo per segment the job may start now; the segment is placed there.</param>
/// <param name="Position">The job's place in the queue (1 = next) when segments of it still wait; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("pa.AdmissionAnswer")]
public sealed record AdmissionAnswer(IReadOnlyList<string> Granted, int? Position);
