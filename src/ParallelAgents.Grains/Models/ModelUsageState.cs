using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Grains.Models;

/// <summary>A job's model usage as stored.</summary>
[GenerateSerializer, Alias("pa.ModelUsageState")]
public sealed class ModelUsageState
{
    /// <summary>The sum over the items recorded.</summary>
    [Id(0)]
    public ModelUsage Total { get; set; } = ModelUsage.None;

    /// <summary>Items already counted.</summary>
    [Id(1)]
    public HashSet<string> Items { get; set; } = new(StringComparer.Ordinal);
}
