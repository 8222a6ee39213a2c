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

    /// <summary>The job's priority.</summary>
    [Id(4)]
    public JobPriority Priority { get; init; }

    /// <summary>
    /// The job's place in the cluster's admission queue (1 = next to start) while some of its segments wait for a
    /// slot; null when none waits.
    /// </summary>
    [Id(5)]
    public int? QueuePosition { get; init; }

    /// <summary>Segments planned but not yet admitted to a silo.</summary>
    [Id(6)]
    public int QueuedSegments { get; init; }

    /// <summary>How the pool got its size and what its makespan was predicted to be; null for jobs planned without history.</summary>
    [Id(7)]
    public PoolChoice? Pool { get; init; }
}
