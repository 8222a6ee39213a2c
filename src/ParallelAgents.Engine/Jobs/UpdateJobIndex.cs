namespace ParallelAgents.Engine.Jobs;

/// <summary>Write the job's row in the job list: its status, instances or progress changed.</summary>
public sealed record UpdateJobIndex : JobEffect;
