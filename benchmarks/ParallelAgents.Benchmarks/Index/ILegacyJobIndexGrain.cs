using ParallelAgents.Abstractions;

namespace ParallelAgents.Benchmarks.Index;

/// <summary>The job index as it was before partitioning (one grain, key 0), kept here only to be measured.</summary>
[Alias("bench.ILegacyJobIndexGrain")]
public interface ILegacyJobIndexGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task UpsertAsync(JobSummary summary);

    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus? status, string? owner, int skip, int take);
}
