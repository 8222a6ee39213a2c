using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// The rows of one index bucket, kept sorted per status so a page is an index lookup and a count is a number, and
/// split into storage chunks of at most <see cref="ChunkSize"/> rows so a change rewrites one chunk, not the bucket.
/// A row stays in the chunk it was first stored in; new rows fill the last chunk.
/// </summary>
public sealed class JobIndexPartition
{
    /// <summary>Rows per storage chunk.</summary>
    public const int ChunkSize = 200;

    private static readonly int StatusCount = Enum.GetValues<JobStatus>().Length;

    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly List<Dictionary<string, JobSummary>> _chunks = [];
    private readonly List<RowKey> _all = [];
    private readonly List<RowKey>[] _byStatus = [.. Enumerable.Range(0, StatusCount).Select(_ => new List<RowKey>())];
    private readonly SortedSet<int> _dirty = [];

    /// <summary>What an upsert did.</summary>
    public enum Change
    {
        /// <summary>The row already held a later summary; nothing changed.</summary>
        Ignored,

        /// <summary>The row changed but no status count did (progress).</summary>
        Updated,

        /// <summary>A row was added or changed status: the counts changed.</summary>
        CountsChanged,
    }

    /// <summary>Rows held.</summary>
    public int Count => _rows.Count;

    /// <summary>Storage chunks the rows occupy.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>True when some chunk has changes not yet taken by <see cref="TakeDirtyChunks"/>.</summary>
    public bool IsDirty => _dirty.Count > 0;

    /// <summary>Chunks with changes not yet taken by <see cref="TakeDirtyChunks"/>.</summary>
    public int DirtyChunkCount => _dirty.Count;

    /// <summary>Adds rows read back from storage chunk <paramref name="chunk"/>; they are not marked dirty.</summary>
    public void Load(int chunk, IEnumerable<JobSummary> rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentNullException.ThrowIfNull(rows);
        while (_chunks.Count <= chunk)
        {
            _chunks.Add(new Dictionary<string, JobSummary>(StringComparer.Ordinal));
        }

        foreach (var summary in rows)
        {
            if (!_rows.ContainsKey(summary.Id))
            {
                Insert(summary, chunk);
            }
            else
            {
                Apply(summary);
            }
        }

        _dirty.Remove(chunk);
    }

    /// <summary>Adds or replaces a job's row unless the stored row is later (see <see cref="JobSummaryOrder"/>).</summary>
    public Change Upsert(JobSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (_rows.ContainsKey(summary.Id))
        {
            return Apply(summary);
        }

        if (_chunks.Count == 0 || _chunks[^1].Count >= ChunkSize)
        {
            _chunks.Add(new Dictionary<string, JobSummary>(StringComparer.Ordinal));
        }

        Insert(summary, _chunks.Count - 1);
        _dirty.Add(_chunks.Count - 1);
        return Change.CountsChanged;
    }

    /// <summary>Rows with <paramref name="status"/> (all when null).</summary>
    public int CountOf(JobStatus? status) => status is { } s ? _byStatus[(int)s].Count : _all.Count;

    /// <summary>Row counts indexed by <see cref="JobStatus"/>.</summary>
    public int[] Counts() => [.. _byStatus.Select(l => l.Count)];

    /// <summary>A page of rows newest first (by creation time, then id), optionally with one status.</summary>
    public JobSummary[] Page(JobStatus? status, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var list = status is { } s ? _byStatus[(int)s] : _all;
        var count = (int)Math.Clamp((long)list.Count - skip, 0, take);
        var page = new JobSummary[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = _rows[list[list.Count - 1 - skip - i].Id].Summary;
        }

        return page;
    }

    /// <summary>The chunks changed since the last call, which are then considered clean.</summary>
    public int[] TakeDirtyChunks()
    {
        var dirty = _dirty.ToArray();
        _dirty.Clear();
        return dirty;
    }

    /// <summary>Marks chunks dirty again, after a failed write.</summary>
    public void MarkDirty(IEnumerable<int> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _dirty.UnionWith(chunks);
    }

    /// <summary>The rows stored in chunk <paramref name="chunk"/>.</summary>
    public List<JobSummary> ChunkRows(int chunk) => [.. _chunks[chunk].Values];

    private void Insert(JobSummary summary, int chunk)
    {
        var row = new Row(summary, chunk);
        _rows.Add(summary.Id, row);
        _chunks[chunk].Add(summary.Id, summary);
        var key = RowKey.Of(summary);
        Add(_all, key);
        Add(_byStatus[(int)summary.Status], key);
    }

    private Change Apply(JobSummary summary)
    {
        var row = _rows[summary.Id];
        var current = row.Summary;
        if (!JobSummaryOrder.Supersedes(summary, current))
        {
            return Change.Ignored;
        }

        row.Summary = summary;
        _chunks[row.Chunk][summary.Id] = summary;
        _dirty.Add(row.Chunk);
        var (before, after) = (RowKey.Of(current), RowKey.Of(summary));
        if (before != after)
        {
            // Creation time is fixed when a job is accepted; should a summary say otherwise, the row moves with it.
            Remove(_all, before);
            Add(_all, after);
        }

        if (before == after && current.Status == summary.Status)
        {
            return Change.Updated;
        }

        Remove(_byStatus[(int)current.Status], before);
        Add(_byStatus[(int)summary.Status], after);
        return current.Status == summary.Status ? Change.Updated : Change.CountsChanged;
    }

    private static void Add(List<RowKey> list, RowKey key)
    {
        // Ascending, so the usual insert (the newest job) is an append.
        if (list.Count == 0 || list[^1].CompareTo(key) < 0)
        {
            list.Add(key);
            return;
        }

        var at = list.BinarySearch(key);
        list.Insert(at < 0 ? ~at : at, key);
    }

    private static void Remove(List<RowKey> list, RowKey key)
    {
        var at = list.BinarySearch(key);
        if (at >= 0)
        {
            list.RemoveAt(at);
        }
    }

    private sealed class Row(JobSummary summary, int chunk)
    {
        public JobSummary Summary { get; set; } = summary;

        public int Chunk { get; } = chunk;
    }

    private readonly record struct RowKey(long Ticks, string Id) : IComparable<RowKey>
    {
        public static RowKey Of(JobSummary summary) => new(summary.CreatedAt.UtcTicks, summary.Id);

        public int CompareTo(RowKey other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
        }
    }
}
