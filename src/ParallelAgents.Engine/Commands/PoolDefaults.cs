namespace ParallelAgents.Engine.Commands;

/// <summary>A command's default pool sizing; each value can be overridden per job.</summary>
/// <param name="MaxInstances">Upper bound on instances.</param>
/// <param name="ItemsPerInstance">Items one instance is expected to handle.</param>
/// <param name="ParallelThreshold">Workloads with fewer items than this run as one instance.</param>
public sealed record PoolDefaults(int MaxInstances, int ItemsPerInstance, int ParallelThreshold = 5);
