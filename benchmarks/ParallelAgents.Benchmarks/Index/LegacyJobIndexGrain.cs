using Orleans.Concurrency;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Benchmarks.Index;

/// <summary>
/// The job index of main before partitioning, with its upsert, list and flush unchanged: one grain, the newest 10,000 rows, the whole list
/// sorted again after a change and rewritten by a 200 ms timer.
/// </summary>
[Reentrant]
public sealed class LegacyJobIndexGrain([PersistentState("legacy-index", Names.IndexStorage)] IPersistentState<LegacyJobIndexState> state) : Grain, ILegacyJobIndexGrain
{
    public const int Capacity = 10_000;

    private readonly Dictionary<string, JobSummary> _byId = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private List<JobSummary>? _ordered;
    private Task? _flush;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var job in state.State.Jobs)
        {
            _byId[job.Id] = job;
        }

        return Task.CompletedTask;
    }

    public Task UpsertAsync(JobSummary summary)
    {
        _byId[summary.Id] = summary;
        _ordered = null;
        if (_byId.Count > Capacity)
        {
            foreach (var old in Ordered().Skip(Capacity).ToArray())
            {
                _byId.Remove(old.Id);
            }

            _ordered = null;
        }

        _flush ??= FlushSoonAsync();
        return Task.CompletedTask;
    }

    public Task<JobPage> ListAsync(JobStatus? status, string? owner, int skip, int take)
    {
        var rows = Ordered().Where(j => (status is null || j.Status == status) && (owner is null || j.Owner == owner)).ToArray();
        return Task.FromResult(new JobPage([.. rows.Skip(skip).Take(take)], rows.Length, skip, take));
    }

    private List<JobSummary> Ordered() =>
        _ordered ??= [.. _byId.Values.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal)];

    private async Task FlushSoonAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        _flush = null;
        await _writing.WaitAsync();
        try
        {
            state.State.Jobs = [.. Ordered()];
            await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }
}
