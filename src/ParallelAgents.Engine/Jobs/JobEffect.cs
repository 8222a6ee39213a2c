namespace ParallelAgents.Engine.Jobs;

/// <summary>Something the coordinator must do after a transition of <see cref="JobMachine"/>, in the order given.</summary>
public abstract record JobEffect;
