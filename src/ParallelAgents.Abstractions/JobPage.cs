namespace ParallelAgents.Abstractions;

/// <summary>A page of the job list.</summary>
[GenerateSerializer, Immutable, Alias("pa.JobPage")]
public sealed record JobPage(IReadOnlyList<JobSummary> Items, int Total, int Skip, int Take);
