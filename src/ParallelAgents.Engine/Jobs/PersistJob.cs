namespace ParallelAgents.Engine.Jobs;

/// <summary>Store the job's state; effects after it run only once it is stored.</summary>
public sealed record PersistJob : JobEffect;
