namespace ParallelAgents.Engine.Jobs;

/// <summary>Send attempt <paramref name="Attempt"/> of segment <paramref name="Index"/> to its instance.</summary>
/// <param name="Index">Segment index.</param>
/// <param name="Attempt">Fencing token of the attempt.</param>
public sealed record DispatchSegment(int Index, int Attempt) : JobEffect;
