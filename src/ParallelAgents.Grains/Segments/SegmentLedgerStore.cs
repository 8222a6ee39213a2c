using Orleans.Storage;

namespace ParallelAgents.Grains.Segments;

/// <summary>
/// A segment's ledger in grain storage (the same state a <c>[PersistentState("ledger")]</c> would hold), read only
/// when it can hold something: a segment's first attempt is sent once, after the plan is stored and before anything
/// could have written its ledger, so it starts from an empty ledger without reading one. A write that finds a ledger
/// after all (a stray duplicate of that attempt) fails on its ETag and merges, as any conflicting write does.
/// </summary>
public sealed class SegmentLedgerStore(IGrainStorage storage, GrainId grainId)
{
    private const string StateName = "ledger";

    private readonly GrainState<SegmentLedger> _state = new(new SegmentLedger());
    private bool _loaded;

    /// <summary>The ledger as this activation knows it.</summary>
    public SegmentLedger State => _state.State ??= new SegmentLedger();

    /// <summary>Reads the ledger unless this activation has read or started it.</summary>
    public Task LoadAsync() => _loaded ? Task.CompletedTask : ReadAsync();

    /// <summary>Starts from an empty ledger without reading (a first attempt), unless one was read already.</summary>
    public void StartEmpty() => _loaded = true;

    /// <summary>Reads the stored ledger, replacing <see cref="State"/>.</summary>
    public async Task ReadAsync()
    {
        await storage.ReadStateAsync(StateName, grainId, _state);
        _state.State ??= new SegmentLedger();
        _loaded = true;
    }

    /// <summary>Stores the ledger; <see cref="InconsistentStateException"/> when another activation wrote it since.</summary>
    public Task WriteAsync() => storage.WriteStateAsync(StateName, grainId, _state);
}
