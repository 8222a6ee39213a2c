using ParallelAgents.Abstractions;

namespace ParallelAgents.Benchmarks.Index;

/// <summary>Persisted list of <see cref="LegacyJobIndexGrain"/>.</summary>
[GenerateSerializer, Alias("bench.LegacyJobIndexState")]
public sealed class LegacyJobIndexState
{
    [Id(0)] public List<JobSummary> Jobs { get; set; } = [];
}
