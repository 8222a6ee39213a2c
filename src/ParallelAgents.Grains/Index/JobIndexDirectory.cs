using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// A scope's buckets, newest day first, with each bucket's row counts per status and the scope's totals kept as the
/// buckets report. A bucket reports its whole counts with a version that grows with every change, so a late or
/// repeated report is ignored and no change is counted twice.
/// </summary>
public sealed class JobIndexDirectory
{
    private static readonly int StatusCount = Enum.GetValues<JobStatus>().Length;

    private readonly SortedDictionary<int, JobIndexBucketCounts> _buckets = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly long[] _totals = new long[StatusCount];

    /// <summary>Rebuilds the directory from stored bucket counts.</summary>
    public JobIndexDirectory(IEnumerable<KeyValuePair<int, JobIndexBucketCounts>>? stored = null)
    {
        foreach (var (day, counts) in stored ?? [])
        {
            Report(day, counts);
        }
    }

    /// <summary>Buckets known.</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Records a bucket's counts; false when the directory already has this version or a later one.</summary>
    public bool Report(int day, JobIndexBucketCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Counts.Length != StatusCount || counts.Counts.Any(c => c < 0))
        {
            throw new ArgumentException($"A bucket reports {StatusCount} counts of zero or more.", nameof(counts));
        }

        if (_buckets.TryGetValue(day, out var known))
        {
            if (known.Version >= counts.Version)
            {
                return false;
            }

            for (var s = 0; s < StatusCount; s++)
            {
                _totals[s] -= known.Counts[s];
            }
        }

        _buckets[day] = counts;
        for (var s = 0; s < StatusCount; s++)
        {
            _totals[s] += counts.Counts[s];
        }

        return true;
    }

    /// <summary>Rows with <paramref name="status"/> across every bucket (all rows when null).</summary>
    public int Count(JobStatus? status) => (int)Math.Min(int.MaxValue, status is { } s ? _totals[(int)s] : _totals.Sum());

    /// <summary>Rows with any of <paramref name="statuses"/> across every bucket.</summary>
    public int Count(IEnumerable<JobStatus> statuses) =>
        (int)Math.Min(int.MaxValue, statuses.Distinct().Sum(s => _totals[(int)s]));

    /// <summary>
    /// The buckets to read for a page, newest first: each with the rows to skip in it and its count. Buckets wholly
    /// before the page are skipped by their counts without being read.
    /// </summary>
    public IReadOnlyList<(int Day, int Skip)> Plan(JobStatus? status, int skip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var plan = new List<(int, int)>();
        long toSkip = skip;
        foreach (var (day, counts) in _buckets)
        {
            var count = status is { } s ? counts.Counts[(int)s] : counts.Counts.Sum();
            if (count == 0)
            {
                continue;
            }

            if (toSkip >= count)
            {
                toSkip -= count;
                continue;
            }

            plan.Add((day, (int)toSkip));
            toSkip = 0;
        }

        return plan;
    }

    /// <summary>The state to store.</summary>
    public Dictionary<int, JobIndexBucketCounts> ToState() => new(_buckets);
}
