namespace ParallelAgents.Engine.Jobs;

/// <summary>
/// Tell the cluster's admission scheduler the job's whole view (segments waiting, slots held) and feed its answer back
/// as <see cref="JobMachine.Admitted"/>.
/// </summary>
public sealed record SyncAdmission : JobEffect;
