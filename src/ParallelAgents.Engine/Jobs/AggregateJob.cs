namespace ParallelAgents.Engine.Jobs;

/// <summary>Read every ledger, aggregate the results and answer with <see cref="JobMachine.Finish"/>.</summary>
public sealed record AggregateJob : JobEffect;
