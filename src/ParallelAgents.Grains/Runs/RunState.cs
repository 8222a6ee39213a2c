using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Runs;

/// <summary>A run's persisted state: its record and the specs its jobs were submitted with.</summary>
[GenerateSerializer, Alias("pa.RunState")]
public sealed class RunState
{
    /// <summary>The run; null while no run has this id.</summary>
    [Id(0)] public RunRecord? Record { get; set; }

    /// <summary>Each job's spec, in the record's order, the pinned workspace in each.</summary>
    [Id(1)] public List<JobSpec> Specs { get; set; } = [];
}
