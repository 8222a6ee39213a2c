using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// An in-memory index of OSV records read from a directory of JSON files (searched recursively; zip files in it,
/// such as the per-ecosystem all.zip exports, are read too) or from one zip file. Keyed by ecosystem and normalised
/// package name. Records of other ecosystems are counted but not indexed.
/// </summary>
public sealed class OsvDirectoryIndex
{
    private readonly Dictionary<string, OsvRecord[]> _byPackage;

    private OsvDirectoryIndex(Dictionary<string, OsvRecord[]> byPackage, int records, int skipped, DateTimeOffset? newest, TimeSpan buildTime)
    {
        _byPackage = byPackage;
        Records = records;
        Skipped = skipped;
        DatabaseDate = newest;
        BuildTime = buildTime;
    }

    /// <summary>Records read.</summary>
    public int Records { get; }

    /// <summary>Files or zip entries that were not valid OSV records.</summary>
    public int Skipped { get; }

    /// <summary>The newest <c>modified</c> date seen.</summary>
    public DateTimeOffset? DatabaseDate { get; }

    /// <summary>How long the build took.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Reads every record under <paramref name="path"/> (a directory or a .zip file).</summary>
    public static OsvDirectoryIndex Build(string path, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var records = new ConcurrentBag<OsvRecord>();
        var skipped = 0;
        void ParseOne(byte[] bytes)
        {
            try
            {
                records.Add(OsvJson.Parse(bytes));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
            {
                Interlocked.Increment(ref skipped);
            }
        }

        IEnumerable<string> zips;
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            zips = [path];
        }
        else if (Directory.Exists(path))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
            var jsonFiles = Directory.EnumerateFiles(path, "*.json", options);
            Parallel.ForEach(jsonFiles, new ParallelOptions { CancellationToken = cancellationToken }, file =>
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref skipped);
                    return;
                }

                ParseOne(bytes);
            });
            zips = Directory.EnumerateFiles(path, "*.zip", options).ToArray();
        }
        else
        {
            throw new AdvisorySourceException($"The OSV directory '{path}' does not exist.");
        }

        foreach (var zip in zips)
        {
            try
            {
                using var archive = ZipFile.OpenRead(zip);
                var batch = new List<byte[]>();
                foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream((int)Math.Min(entry.Length, 64 * 1024 * 1024));
                    stream.CopyTo(buffer);
                    batch.Add(buffer.ToArray());
                    if (batch.Count >= 2048)
                    {
                        Parallel.ForEach(batch, ParseOne);
                        batch.Clear();
                    }
                }

                Parallel.ForEach(batch, ParseOne);
            }
            catch (InvalidDataException)
            {
                Interlocked.Increment(ref skipped);
            }
        }

        var byPackage = new Dictionary<string, List<OsvRecord>>(StringComparer.Ordinal);
        DateTimeOffset? newest = null;
        var count = 0;
        foreach (var record in records)
        {
            count++;
            if (record.Modified is { } m && (newest is null || m > newest))
            {
                newest = m;
            }

            foreach (var key in record.Affected.Select(a => Key(a.Ecosystem, a.Name)).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!byPackage.TryGetValue(key, out var list))
                {
                    byPackage[key] = list = [];
                }

                list.Add(record);
            }
        }

        return new OsvDirectoryIndex(
            byPackage.ToDictionary(p => p.Key, p => p.Value.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal),
            count,
            skipped,
            newest,
            Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Every record naming the package in an affected entry.</summary>
    public IReadOnlyList<OsvRecord> Candidates(string ecosystem, string name) =>
        Key(ecosystem, name) is { } key && _byPackage.TryGetValue(key, out var records) ? records : [];

    /// <summary>The index key of a package, or null for ecosystems this command does not audit.</summary>
    public static string? Key(string ecosystem, string name)
    {
        var colon = ecosystem.IndexOf(':');
        var canonical = Ecosystems.Canonical(colon >= 0 ? ecosystem[..colon] : ecosystem);
        return canonical is null ? null : $"{canonical}\u001f{Ecosystems.NormalizeName(canonical, name)}";
    }
}
