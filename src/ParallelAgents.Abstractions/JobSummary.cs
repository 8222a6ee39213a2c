namespace ParallelAgents.Abstractions;

/// <summary>A row of the job list.</summary>
[GenerateSerializer, Immutable, Alias("pa.JobSummary")]
public sealed record JobSummary(
    string Id,
    string Command,
    JobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int Instances,
    double Speedup,
    string? Owner)
{
    /// <summary>Items with a result so far.</summary>
    [Id(0)]
    public int ItemsDone { get; init; }

    /// <summary>Items the job has; zero until it is planned.</summary>
    [Id(1)]
    public int ItemsTotal { get; init; }

    /// <summary>Overall progress, 0–100.</summary>
    [Id(2)]
    public double Percent { get; init; }

    /// <summary>The job's priority.</summary>
    [Id(3)]
    public JobPriority Priority { get; init; }

    /// <summary>The job's place in the admission queue while segments of it wait; null otherwise.</summary>
    [Id(4)]
    public int? QueuePosition { get; init; }
}
