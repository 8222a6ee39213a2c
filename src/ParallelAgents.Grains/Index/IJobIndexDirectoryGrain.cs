using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>A scope's directory of day buckets and their counts (key: the scope, see <see cref="JobIndexKeys"/>).</summary>
[Alias("pa.IJobIndexDirectoryGrain")]
public interface IJobIndexDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records a bucket's counts; stored before this returns. Older versions are ignored.</summary>
    [Alias("Report")]
    Task ReportAsync(int day, JobIndexBucketCounts counts);

    /// <summary>A page of the scope's jobs, newest first, optionally with one status; <c>Total</c> counts them all.</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus? status, int skip, int take);

    /// <summary>The scope's jobs with any of the statuses.</summary>
    [Alias("Count")]
    Task<int> CountAsync(JobStatus[] statuses);
}
