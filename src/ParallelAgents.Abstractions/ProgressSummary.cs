using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>Overall progress of a job.</summary>
/// <param name="Percent">0-100.</param>
/// <param name="ItemsDone">Items finished across all instances.</param>
/// <param name="ItemsTotal">Items planned.</param>
/// <param name="EtaSeconds">Estimated seconds until the last instance finishes; null until a rate is known.</param>
/// <param name="Bottleneck">Key of the instance with the largest estimated remaining time.</param>
/// <param name="BottleneckIndex">Index of that instance.</param>
[GenerateSerializer, Immutable, Alias("pa.ProgressSummary")]
public sealed record ProgressSummary(double Percent, int ItemsDone, int ItemsTotal, double? EtaSeconds, string? Bottleneck, int? BottleneckIndex)
{
    /// <summary>No progress yet.</summary>
    public static ProgressSummary Empty { get; } = new(0, 0, 0, null, null, null);

    /// <summary>What the job's model calls cost so far, for commands that call a model.</summary>
    [Id(0)]
    public ModelUsage? Usage { get; init; }
}
