using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Engine.Planning;

/// <summary>Pool sizing inputs for one job: the command's defaults with the job's overrides applied.</summary>
public sealed record PoolSettings(int MaxInstances, int ItemsPerInstance, int ParallelThreshold)
{
    /// <summary>Item costs may come from the command's history (option <c>costs</c> is not <c>assessed</c>).</summary>
    public bool UseHistory { get; init; } = true;

    /// <summary>The job set its own pool (<c>maxInstances</c>, <c>itemsPerInstance</c> or <c>parallelThreshold</c>): its size is not learned.</summary>
    public bool Explicit { get; init; }

    /// <summary>Applies a job's overrides to a command's defaults.</summary>
    public static PoolSettings Resolve(PoolDefaults defaults, CommandOptions options) => new(
        options.GetInt(PoolOptionNames.MaxInstances, defaults.MaxInstances),
        options.GetInt(PoolOptionNames.ItemsPerInstance, defaults.ItemsPerInstance),
        options.GetInt(PoolOptionNames.ParallelThreshold, defaults.ParallelThreshold))
    {
        UseHistory = options.GetString(PoolOptionNames.Costs, "history") != "assessed",
        Explicit = options.Has(PoolOptionNames.MaxInstances) || options.Has(PoolOptionNames.ItemsPerInstance) || options.Has(PoolOptionNames.ParallelThreshold),
    };
}
