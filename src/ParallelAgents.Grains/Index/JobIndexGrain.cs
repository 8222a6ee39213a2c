using Orleans.Concurrency;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// The job list. Jobs write to it twice (accepted, finished), so one grain keeps up with many jobs; the newest
/// <see cref="Capacity"/> rows are kept. Writes are batched by a timer so a burst of submissions costs few storage writes.
/// </summary>
[Reentrant]
public sealed class JobIndexGrain([PersistentState("index", Names.IndexStorage)] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    /// <summary>Rows kept.</summary>
    public const int Capacity = 10_000;

    private readonly Dictionary<string, JobSummary> _byId = new(StringComparer.Ordinal);
    private List<JobSummary>? _ordered;
    private bool _dirty;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Task? _flush;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var job in state.State.Jobs)
        {
            _byId[job.Id] = job;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await FlushAsync();
        }
    }

    /// <inheritdoc />
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

        _dirty = true;
        _flush ??= FlushSoonAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
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
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        await _writing.WaitAsync();
        try
        {
            _dirty = false;
            state.State.Jobs = [.. Ordered()];
            await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }
}
