using System.Globalization;
using System.Text.RegularExpressions;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// The service's storage request counts (<c>parallelagents.storage.requests</c>, by service and operation) as its
/// Prometheus endpoint shows them, and the arithmetic to turn two readings into requests per job, net of the traffic
/// an idle service makes anyway (membership, queue polling).
/// </summary>
public sealed partial class StorageRequests
{
    private StorageRequests(IReadOnlyDictionary<string, double> counts) => Counts = counts;

    /// <summary>Requests by "service operation", e.g. "blob PUT blob".</summary>
    public IReadOnlyDictionary<string, double> Counts { get; }

    /// <summary>All requests.</summary>
    public double Total => Counts.Values.Sum();

    /// <summary>Reads the counts from <paramref name="http"/>'s <c>/metrics</c>.</summary>
    public static async Task<StorageRequests> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in CounterLine().Matches(text))
        {
            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value);
            var key = labels["parallelagents_storage_service"] + " " + labels["parallelagents_storage_operation"];
            counts[key] = counts.GetValueOrDefault(key) + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new StorageRequests(counts);
    }

    /// <summary>What was sent between <paramref name="earlier"/> and this reading.</summary>
    public StorageRequests Since(StorageRequests earlier) =>
        new(Counts.ToDictionary(c => c.Key, c => c.Value - earlier.Counts.GetValueOrDefault(c.Key), StringComparer.Ordinal));

    /// <summary>These counts less <paramref name="idlePerSecond"/> over <paramref name="seconds"/> (never below zero).</summary>
    public StorageRequests Net(StorageRequests idlePerSecond, double seconds) =>
        new(Counts.ToDictionary(c => c.Key, c => Math.Max(0, c.Value - (idlePerSecond.Counts.GetValueOrDefault(c.Key) * seconds)), StringComparer.Ordinal));

    /// <summary>These counts divided by <paramref name="divisor"/>.</summary>
    public StorageRequests Per(double divisor) =>
        new(Counts.ToDictionary(c => c.Key, c => c.Value / divisor, StringComparer.Ordinal));

    /// <summary>The sum of several readings.</summary>
    public static StorageRequests Sum(IEnumerable<StorageRequests> readings)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in readings.SelectMany(r => r.Counts))
        {
            counts[key] = counts.GetValueOrDefault(key) + value;
        }

        return new StorageRequests(counts);
    }

    /// <summary>Prints a Markdown table of operations, largest first, per job and per segment.</summary>
    public void PrintTable(double jobs, double segmentsPerJob, StorageRequests idlePerSecond)
    {
        Console.WriteLine("| service | operation | per job | per segment | idle, per second |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var key in Counts.Keys.Union(idlePerSecond.Counts.Keys).OrderByDescending(k => Counts.GetValueOrDefault(k)).ThenBy(k => k, StringComparer.Ordinal))
        {
            var perJob = Counts.GetValueOrDefault(key) / jobs;
            var idle = idlePerSecond.Counts.GetValueOrDefault(key);
            if (perJob < 0.005 && idle < 0.005)
            {
                continue;
            }

            var space = key.IndexOf(' ', StringComparison.Ordinal);
            Console.WriteLine($"| {key[..space]} | `{key[(space + 1)..]}` | {Stats.F(perJob)} | {Stats.F(perJob / segmentsPerJob)} | {Stats.F(idle)} |");
        }

        Console.WriteLine($"| **all** | | **{Stats.F(Total / jobs)}** | **{Stats.F(Total / jobs / segmentsPerJob)}** | {Stats.F(idlePerSecond.Total)} |");
    }

    [GeneratedRegex(@"^parallelagents_storage_requests_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+E]+)", RegexOptions.Multiline)]
    private static partial Regex CounterLine();

    [GeneratedRegex("(?<k>[a-z_]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Label();
}
