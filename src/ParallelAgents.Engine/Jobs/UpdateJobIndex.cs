namespace ParallelAgents.Engine.Jobs;

/// <summary>Write the job's row in the job list: its status, instances or progress changed.</summary>
/// <param name="Wait">
/// The effects after it wait for the row: a new job is listed before its submission returns (the per-owner quota
/// counts it), and a finished one before its end is announced. Other rows are written off the job's path.
/// </param>
public sealed record UpdateJobIndex(bool Wait = false) : JobEffect;
