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
    string? Owner);
