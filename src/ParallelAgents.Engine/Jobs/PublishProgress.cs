using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Jobs;

/// <summary>Publish a progress event on the job's stream.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Segment">The instance concerned, if any.</param>
/// <param name="Message">Detail for people.</param>
/// <param name="Sequence">The event's number, one more than the previous event of the job.</param>
/// <param name="Full">The event carries the whole snapshot.</param>
public sealed record PublishProgress(ProgressEventKind Kind, int? Segment, string? Message, long Sequence, bool Full) : JobEffect;
