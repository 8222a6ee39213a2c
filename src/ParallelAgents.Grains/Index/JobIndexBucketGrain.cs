using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Jobs;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// One day of one scope of the job list. Rows are stored in chunks (<see cref="JobIndexPartition"/>): a write stores
/// only the chunks that changed, and concurrent writes share one. A status change is stored, and the new counts
/// reported to the scope's directory, before the upsert returns, so counts never run ahead of storage; progress is
/// stored at most once per <see cref="ProgressWriteDelay"/>.
/// </summary>
[Reentrant]
public sealed class JobIndexBucketGrain(
    [PersistentState("bucket", Names.IndexStorage)] IPersistentState<JobIndexBucketState> header,
    ILogger<JobIndexBucketGrain> logger) : Grain, IJobIndexBucketGrain
{
    /// <summary>How long a progress-only change may wait to be stored.</summary>
    public static readonly TimeSpan ProgressWriteDelay = TimeSpan.FromSeconds(1);

    private const string ChunkStateName = "rows";
    private const int ParallelChunkWrites = 16;

    private readonly JobIndexPartition _partition = new();
    private readonly List<GrainState<JobIndexChunk>> _chunkStates = [];
    private IGrainStorage _storage = null!;
    private CoalescingWriter _writer = null!;
    private string _key = "";
    private string _scope = "";
    private int _day;
    private long _version;
    private Task? _progressWrite;

    // Cancelled when the activation deactivates: its own last write stores what a pending progress write would have.
    private readonly CancellationTokenSource _lifetime = new();
    private bool _stopping;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        (_scope, _day) = JobIndexKeys.ParseBucket(_key);
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Names.IndexStorage);
        _writer = new CoalescingWriter(WriteChangesAsync);

        // The header may lag the chunks by a crash between the two writes: read on until a chunk is missing.
        for (var n = 0; ; n++)
        {
            var chunk = await ReadChunkAsync(n);
            if (n >= header.State.Chunks && !chunk.RecordExists)
            {
                break;
            }

            _partition.Load(n, chunk.State?.Rows ?? []);
        }

        // Versions start from the clock so a new activation always reports above the last one, even when that one's
        // final header write failed after its report reached the directory.
        _version = Math.Max(header.State.Version + 1, DateTime.UtcNow.Ticks);
        if (_partition.Count > 0)
        {
            IndexLog.Loaded(logger, _key, _partition.Count, _partition.ChunkCount);

            // Heals a directory that missed the last report (its write failed, or its silo died first).
            await ReportAsync();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _lifetime.CancelAsync();
        _stopping = reason.ReasonCode == DeactivationReasonCode.ShuttingDown;
        if (!_partition.IsDirty)
        {
            return;
        }

        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception e) when (_stopping)
        {
            // What changes a status was written when it changed; on the way down only progress can be left, and a
            // silo that stops may already have lost what the write needs (the memory mode's storage, the directory).
            IndexLog.NotStoredAtStop(logger, _key, _partition.DirtyChunkCount, e.GetType().Name);
        }
    }

    /// <inheritdoc />
    public async Task UpsertAsync(JobSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (JobIndexKeys.Day(summary.CreatedAt) != _day)
        {
            throw new ArgumentException($"Job {summary.Id} was created on another day than bucket {_key} holds.", nameof(summary));
        }

        switch (_partition.Upsert(summary))
        {
            case JobIndexPartition.Change.CountsChanged:
                _version++;
                await Task.WhenAll(_writer.WriteAsync(), ReportAsync());
                break;
            case JobIndexPartition.Change.Updated:
                _progressWrite ??= WriteProgressLaterAsync();
                break;
        }
    }

    /// <inheritdoc />
    public Task<JobSummary[]> ListAsync(JobStatus? status, int skip, int take) =>
        Task.FromResult(_partition.Page(status, skip, take));

    private Task ReportAsync() =>
        GrainFactory.GetGrain<IJobIndexDirectoryGrain>(_scope).ReportAsync(_day, new JobIndexBucketCounts(_version, _partition.Counts()));

    private async Task WriteProgressLaterAsync()
    {
        try
        {
            await Task.Delay(ProgressWriteDelay, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            // Deactivating: a write now would touch state of an activation that is no longer valid.
            return;
        }

        _progressWrite = null;
        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception)
        {
            // Logged by the write; the chunks stay dirty and go with the next write or the deactivation.
        }
    }

    private async Task WriteChangesAsync()
    {
        var dirty = _partition.TakeDirtyChunks();
        try
        {
            for (var i = 0; i < dirty.Length; i += ParallelChunkWrites)
            {
                await Task.WhenAll(dirty.Skip(i).Take(ParallelChunkWrites).Select(WriteChunkAsync));
            }

            // The header changes only when a chunk is added: most writes are one chunk and nothing else.
            if (header.State.Chunks != _partition.ChunkCount)
            {
                header.State.Chunks = _partition.ChunkCount;
                header.State.Version = _version;
                await header.WriteStateAsync();
            }
        }
        catch (Exception e)
        {
            _partition.MarkDirty(dirty);
            if (!_stopping)
            {
                IndexLog.WriteFailed(logger, e, _key, dirty.Length);
            }

            throw;
        }
    }

    private Task WriteChunkAsync(int n)
    {
        while (_chunkStates.Count <= n)
        {
            _chunkStates.Add(new GrainState<JobIndexChunk>(new JobIndexChunk()));
        }

        var state = _chunkStates[n];
        state.State = new JobIndexChunk { Rows = _partition.ChunkRows(n) };
        return _storage.WriteStateAsync(ChunkStateName, ChunkId(n), state);
    }

    private async Task<GrainState<JobIndexChunk>> ReadChunkAsync(int n)
    {
        while (_chunkStates.Count <= n)
        {
            _chunkStates.Add(new GrainState<JobIndexChunk>(new JobIndexChunk()));
        }

        var state = _chunkStates[n];
        await _storage.ReadStateAsync(ChunkStateName, ChunkId(n), state);
        state.State ??= new JobIndexChunk();
        return state;
    }

    private GrainId ChunkId(int n) => GrainId.Create("pa-index-chunk", _key + "/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
