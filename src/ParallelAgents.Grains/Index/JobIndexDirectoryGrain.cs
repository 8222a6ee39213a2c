using Orleans.Concurrency;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Jobs;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// A scope's directory: one small entry per day bucket (<see cref="JobIndexDirectory"/>). Counts are answered from it
/// without reading a bucket; a page reads only the buckets it spans.
/// </summary>
[Reentrant]
public sealed class JobIndexDirectoryGrain(
    [PersistentState("directory", Names.IndexStorage)] IPersistentState<JobIndexDirectoryState> state) : Grain, IJobIndexDirectoryGrain
{
    private JobIndexDirectory _directory = null!;
    private CoalescingWriter _writer = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _directory = new JobIndexDirectory(state.State.Buckets);
        _writer = new CoalescingWriter(() =>
        {
            state.State.Buckets = _directory.ToState();
            return state.WriteStateAsync();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReportAsync(int day, JobIndexBucketCounts counts) =>
        _directory.Report(day, counts) ? _writer.WriteAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async Task<JobPage> ListAsync(JobStatus? status, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var total = _directory.Count(status);
        var items = new List<JobSummary>(Math.Min(take, 1000));
        if (take > 0)
        {
            var scope = this.GetPrimaryKeyString();
            foreach (var (day, skipInBucket) in _directory.Plan(status, skip))
            {
                var rows = await GrainFactory.GetGrain<IJobIndexBucketGrain>(JobIndexKeys.Bucket(scope, day))
                    .ListAsync(status, skipInBucket, take - items.Count);
                items.AddRange(rows);
                if (items.Count >= take)
                {
                    break;
                }
            }
        }

        return new JobPage(items, total, skip, take);
    }

    /// <inheritdoc />
    public Task<int> CountAsync(JobStatus[] statuses) => Task.FromResult(_directory.Count(statuses ?? []));
}
