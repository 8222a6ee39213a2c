namespace ParallelAgents.Engine.Jobs;

/// <summary>Stop planning and every running attempt: the job was cancelled or ran out of time.</summary>
public sealed record StopAllSegments : JobEffect;
