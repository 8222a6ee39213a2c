using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>Persisted job list.</summary>
[GenerateSerializer, Alias("pa.JobIndexState")]
public sealed class JobIndexState
{
    [Id(0)] public List<JobSummary> Jobs { get; set; } = [];
}
