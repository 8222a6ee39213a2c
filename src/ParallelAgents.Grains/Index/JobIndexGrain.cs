using Orleans.Concurrency;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// The job list at its original address (key 0), kept so callers of <see cref="IJobIndexGrain"/> need not change: a
/// stateless worker on the caller's silo that forwards to <see cref="JobIndex"/>. It holds no rows, so it is reentrant:
/// a worker waiting on a bucket takes the next call rather than queueing every job behind it.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class JobIndexGrain : Grain, IJobIndexGrain
{
    /// <inheritdoc />
    public Task UpsertAsync(JobSummary summary) => JobIndex.UpsertAsync(GrainFactory, summary);

    /// <inheritdoc />
    public Task<JobPage> ListAsync(JobStatus? status, string? owner, int skip, int take) =>
        JobIndex.ListAsync(GrainFactory, status, owner, skip, take);

    /// <inheritdoc />
    public Task<int> CountUnfinishedAsync(string? owner) => JobIndex.CountUnfinishedAsync(GrainFactory, owner);
}
