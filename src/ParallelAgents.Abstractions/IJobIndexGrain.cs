namespace ParallelAgents.Abstractions;

/// <summary>
/// The list of jobs, newest first (key 0). Partitioned behind this address by owner and day; safe to upsert on every
/// change of a job, in any order.
/// </summary>
[Alias("pa.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces a job's row; an older summary never replaces a later one.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(JobSummary summary);

    /// <summary>A page of jobs, newest first, optionally filtered by status and owner (null owner = all).</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus? status, string? owner, int skip, int take);

    /// <summary>The owner's jobs that have not ended (all jobs when the owner is null).</summary>
    [Alias("CountUnfinished")]
    Task<int> CountUnfinishedAsync(string? owner);
}
