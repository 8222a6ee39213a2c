using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>Everything a client needs to show a job: status, one entry per instance, progress and metrics.</summary>
[GenerateSerializer, Immutable, Alias("pa.JobSnapshot")]
public sealed record JobSnapshot(
    string Id,
    string Command,
    JobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<InstanceSnapshot> Instances,
    ProgressSummary Progress,
    JobMetrics Metrics,
    string? Error,
    bool Degraded,
    string? Owner)
{
    /// <summary>Silo hosting the job's coordinator (its CommandGrain) when the snapshot was taken.</summary>
    [Id(0)]
    public string? Coordinator { get; init; }

    /// <summary>What the job's model calls cost so far: tokens, calls, 429s, retries, cache hits, estimated cost.</summary>
    [Id(1)]
    public ModelUsage? Usage { get; init; }

    /// <summary>Why no new item starts (the job's budget was reached), once it was.</summary>
    [Id(2)]
    public string? BudgetStop { get; init; }

    /// <summary>The git repository and the commit the job works on, for git workspaces.</summary>
    [Id(3)]
    public JobWorkspace? Workspace { get; init; }
}
