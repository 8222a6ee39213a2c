using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Jobs;

/// <summary>The CommandGrain's persisted state: the spec, the plan and every segment's record.</summary>
[GenerateSerializer, Alias("pa.JobState")]
public sealed class JobState
{
    [Id(0)] public JobSpec? Spec { get; set; }
    [Id(1)] public JobStatus Status { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset? DispatchedAt { get; set; }
    [Id(4)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(5)] public List<SegmentRecord> Segments { get; set; } = [];
    [Id(6)] public string? Error { get; set; }
    [Id(7)] public bool Degraded { get; set; }
    [Id(8)] public List<string> Notes { get; set; } = [];
    [Id(9)] public double AggregationMs { get; set; }
    [Id(11)] public bool CancelRequested { get; set; }
    [Id(12)] public long Sequence { get; set; }
    [Id(13)] public int ItemsTotal { get; set; }
    [Id(14)] public string AgentRole { get; set; } = "";
    [Id(15)] public List<Finding> AssessmentFindings { get; set; } = [];
    [Id(16)] public bool Planned { get; set; }
    [Id(17)] public List<ItemResult> DegradedResults { get; set; } = [];
}
