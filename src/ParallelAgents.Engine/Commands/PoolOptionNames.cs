namespace ParallelAgents.Engine.Commands;

/// <summary>Option names every command accepts: the pool overrides.</summary>
public static class PoolOptionNames
{
    /// <summary>Upper bound on instances.</summary>
    public const string MaxInstances = "maxInstances";

    /// <summary>Items per instance.</summary>
    public const string ItemsPerInstance = "itemsPerInstance";

    /// <summary>Workloads with fewer items run as one instance.</summary>
    public const string ParallelThreshold = "parallelThreshold";

    /// <summary>Where item costs come from: <c>history</c> (observed durations, when there are any) or <c>assessed</c> (the assessment's sizes only).</summary>
    public const string Costs = "costs";

    /// <summary>The pool options as <see cref="CommandOption"/>s, for listings and validation.</summary>
    public static IReadOnlyList<CommandOption> All { get; } =
    [
        new(MaxInstances, OptionType.Integer, "Most agent instances to run at once (overrides the command's default).", Minimum: 1, Maximum: 256),
        new(ItemsPerInstance, OptionType.Integer, "Work items one instance should handle; the pool is ceil(items / itemsPerInstance).", Minimum: 1, Maximum: 1_000_000),
        new(ParallelThreshold, OptionType.Integer, "Workloads with fewer items than this run as one instance.", Minimum: 0, Maximum: 1_000_000),
        new(Costs, OptionType.String, "Item costs for packing and pool sizing: history (durations observed in earlier runs, when there are any) or assessed (the assessment's sizes only).", "history", AllowedValues: ["history", "assessed"]),
    ];
}
