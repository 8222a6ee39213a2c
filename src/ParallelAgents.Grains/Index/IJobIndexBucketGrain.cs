using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>One day of one scope of the job index (key: scope/yyyymmdd, see <see cref="JobIndexKeys"/>).</summary>
[Alias("pa.IJobIndexBucketGrain")]
public interface IJobIndexBucketGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a job's row; a change of status is stored and counted before this returns.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(JobSummary summary);

    /// <summary>A page of the bucket's rows, newest first, optionally with one status.</summary>
    [Alias("List")]
    Task<JobSummary[]> ListAsync(JobStatus? status, int skip, int take);
}
