namespace ParallelAgents.Engine.Jobs;

/// <summary>The job is over: release waiters, stop timers, drop the watchdog.</summary>
public sealed record EndJob : JobEffect;
