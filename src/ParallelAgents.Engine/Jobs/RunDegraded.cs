namespace ParallelAgents.Engine.Jobs;

/// <summary>
/// Run segment <paramref name="Index"/>'s remaining items one after another on the coordinating silo, recording each
/// result in the segment's ledger under <paramref name="Attempt"/>; answer like a dispatched attempt.
/// </summary>
/// <param name="Index">Segment index.</param>
/// <param name="Attempt">Fencing token of the degraded attempt.</param>
public sealed record RunDegraded(int Index, int Attempt) : JobEffect;
