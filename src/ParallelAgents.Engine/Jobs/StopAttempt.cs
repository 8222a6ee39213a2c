namespace ParallelAgents.Engine.Jobs;

/// <summary>Stop the in-flight attempt of segment <paramref name="Index"/> (its lease expired); it answers as stopped.</summary>
/// <param name="Index">Segment index.</param>
public sealed record StopAttempt(int Index) : JobEffect;
