namespace ParallelAgents.Abstractions;

/// <summary>The list of jobs, newest first. A single grain (key 0): jobs update it on creation and at the end.</summary>
[Alias("pa.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces a job's row.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(JobSummary summary);

    /// <summary>A page of jobs, newest first, optionally filtered by status and owner (null owner = all).</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus? status, string? owner, int skip, int take);
}
