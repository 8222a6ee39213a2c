using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// The job list as its writers and readers use it. A job's row lives in two buckets of its day: everyone's and its
/// owner's, so both "all jobs" and "my jobs" pages and counts read one small directory and only the buckets a page
/// spans (see docs/architecture-index.md).
/// </summary>
public static class JobIndex
{
    /// <summary>Statuses of a job that has not ended.</summary>
    public static IReadOnlyList<JobStatus> Unfinished { get; } = [JobStatus.Pending, JobStatus.Planning, JobStatus.Running];

    /// <summary>
    /// Adds or replaces a job's row. Safe to call on every change, in any order: an older summary never replaces a
    /// later one (<see cref="JobSummaryOrder"/>). A status change is counted and stored when this completes.
    /// </summary>
    public static Task UpsertAsync(IGrainFactory grains, JobSummary summary)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(summary);
        var day = JobIndexKeys.Day(summary.CreatedAt);
        var everyone = grains.GetGrain<IJobIndexBucketGrain>(JobIndexKeys.Bucket(JobIndexKeys.AllScope, day)).UpsertAsync(summary);
        if (summary.Owner is null)
        {
            return everyone;
        }

        var owners = grains.GetGrain<IJobIndexBucketGrain>(JobIndexKeys.Bucket(JobIndexKeys.Scope(summary.Owner), day)).UpsertAsync(summary);
        return Task.WhenAll(everyone, owners);
    }

    /// <summary>A page of jobs, newest first, optionally with one status and one owner (null owner = everyone's).</summary>
    public static Task<JobPage> ListAsync(IGrainFactory grains, JobStatus? status, string? owner, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return grains.GetGrain<IJobIndexDirectoryGrain>(JobIndexKeys.Scope(owner)).ListAsync(status, skip, take);
    }

    /// <summary>The owner's jobs that have not ended (everyone's when the owner is null); read from kept counts.</summary>
    public static Task<int> CountUnfinishedAsync(IGrainFactory grains, string? owner)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IJobIndexDirectoryGrain>(JobIndexKeys.Scope(owner)).CountAsync([.. Unfinished]);
    }
}
