namespace ParallelAgents.Engine.Jobs;

/// <summary>Store the report built from the aggregation; the job's terminal state is stored after it.</summary>
public sealed record WriteReport : JobEffect;
