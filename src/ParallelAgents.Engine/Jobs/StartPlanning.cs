namespace ParallelAgents.Engine.Jobs;

/// <summary>Assess the workspace and plan the job; answer with <see cref="JobMachine.Planned"/> or <see cref="JobMachine.PlanningFailed"/>.</summary>
public sealed record StartPlanning : JobEffect;
