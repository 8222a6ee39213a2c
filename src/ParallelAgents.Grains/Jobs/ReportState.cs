using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Jobs;

/// <summary>A finished job's report, persisted apart from the job state so status reads stay small.</summary>
[GenerateSerializer, Alias("pa.ReportState")]
public sealed class ReportState
{
    [Id(0)] public JobReport? Report { get; set; }
}
