using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Api.Security;

/// <summary>
/// Caps each identity's unfinished jobs (<c>Limits:MaxConcurrentJobsPerIdentity</c>), counted in the job index.
/// Check and submission run under one lock per identity, so a burst from one caller cannot overshoot on this node.
/// </summary>
public sealed class JobQuota(IGrainFactory grains, IOptions<LimitsOptions> limits)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>The limit; 0 = none.</summary>
    public int MaxConcurrentJobs => limits.Value.MaxConcurrentJobsPerIdentity;

    /// <summary>What to put in <c>Retry-After</c> when the limit is reached.</summary>
    public int RetryAfterSeconds => Math.Max(1, limits.Value.ConcurrentJobsRetryAfterSeconds);

    /// <summary>
    /// Runs <paramref name="submit"/> when the owner has room for <paramref name="jobs"/> more unfinished jobs, else
    /// <paramref name="tooMany"/> with the current count.
    /// </summary>
    public async Task<TResult> RunAsync<TResult>(string? owner, Func<int, TResult> tooMany, Func<Task<TResult>> submit, CancellationToken cancellationToken, int jobs = 1)
    {
        var max = limits.Value.MaxConcurrentJobsPerIdentity;
        if (max <= 0)
        {
            return await submit();
        }

        var gate = _gates.GetOrAdd(owner ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var running = await CountUnfinishedAsync(owner);
            return running + jobs > max ? tooMany(running) : await submit();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The owner's jobs that have not ended (all jobs when the owner is null, i.e. without authentication): a count the
    /// index keeps as jobs change status, so the check costs one call however many jobs there are.
    /// </summary>
    public Task<int> CountUnfinishedAsync(string? owner) => Endpoints.Transient.RetryAsync(() => JobIndex.CountUnfinishedAsync(grains, owner));
}
