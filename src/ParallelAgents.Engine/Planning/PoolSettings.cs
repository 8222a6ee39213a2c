using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Planning;

/// <summary>Pool sizing inputs for one job: the command's defaults with the job's overrides applied.</summary>
public sealed record PoolSettings(int MaxInstances, int ItemsPerInstance, int ParallelThreshold)
{
    /// <summary>Applies a job's overrides to a command's defaults.</summary>
    public static PoolSettings Resolve(PoolDefaults defaults, CommandOptions options) => new(
        options.GetInt(PoolOptionNames.MaxInstances, defaults.MaxInstances),
        options.GetInt(PoolOptionNames.ItemsPerInstance, defaults.ItemsPerInstance),
        options.GetInt(PoolOptionNames.ParallelThreshold, defaults.ParallelThreshold));
}
