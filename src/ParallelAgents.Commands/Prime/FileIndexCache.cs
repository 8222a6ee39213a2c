using System.Collections.Concurrent;
using System.Globalization;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// Per-silo cache of workspace file indexes: the first instance that needs a workspace's index builds it, the others on
/// the silo wait for it and share it read-only. An entry is rebuilt when its change stamp (the modification times of
/// the root and its <c>.gitignore</c>) differs or it is older than <see cref="MaxAge"/>, since a change deep in the tree
/// does not touch the root.
/// </summary>
public sealed class FileIndexCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _builds;

    /// <summary>Creates an empty cache.</summary>
    public FileIndexCache(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How long an index is trusted.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many indexes this cache has built (for tests and diagnostics).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>The index of <paramref name="root"/>, built at most once per stamp however many callers ask at once.</summary>
    public FileIndex Get(string root, long maxFileBytes, bool respectGitIgnore)
    {
        root = Path.GetFullPath(root);
        var key = string.Join('|', root, maxFileBytes.ToString(CultureInfo.InvariantCulture), respectGitIgnore ? "1" : "0");
        var stamp = Stamp(root);
        var now = _time.GetUtcNow();
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => NewEntry(root, maxFileBytes, respectGitIgnore, stamp, now));
            if (entry.Stamp == stamp && now - entry.Created <= MaxAge)
            {
                return entry.Index.Value;
            }

            var fresh = NewEntry(root, maxFileBytes, respectGitIgnore, stamp, now);
            if (_entries.TryUpdate(key, fresh, entry))
            {
                return fresh.Index.Value;
            }
        }
    }

    private Entry NewEntry(string root, long maxFileBytes, bool respectGitIgnore, string stamp, DateTimeOffset now) =>
        new(stamp, now, new Lazy<FileIndex>(
            () =>
            {
                Interlocked.Increment(ref _builds);
                return FileIndexBuilder.Build(root, maxFileBytes, respectGitIgnore, stamp);
            },
            LazyThreadSafetyMode.ExecutionAndPublication));

    private static string Stamp(string root)
    {
        static long Ticks(string path) => File.Exists(path) || Directory.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks : 0;
        return string.Join(':', Ticks(root).ToString(CultureInfo.InvariantCulture), Ticks(Path.Combine(root, ".gitignore")).ToString(CultureInfo.InvariantCulture));
    }

    private sealed record Entry(string Stamp, DateTimeOffset Created, Lazy<FileIndex> Index);
}
