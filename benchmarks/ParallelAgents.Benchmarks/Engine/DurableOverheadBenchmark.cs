using System.Diagnostics;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>B1 in the durable mode: one 64-segment no-op job at a time over HTTP on one Azurite, with the storage requests it costs.</summary>
public sealed class DurableOverheadBenchmark : IBenchmarkScenario
{
    private const int Segments = 64;

    public string Name => "b1-durable";

    public string Description => "durable overhead: one 64-segment no-op job at a time over HTTP on one Azurite; submit → jobCompleted, storage requests per segment (args: rounds)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        await using var durable = await DurableService.StartAsync();
        using var http = new HttpClient { BaseAddress = durable.Service.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(10))
        {
            await OneJobAsync(http);
        }

        var idle = await durable.IdleRateAsync(TimeSpan.FromSeconds(10));
        var latencies = new List<double>();
        var walls = new List<double>();
        var requests = new List<StorageRequests>();
        for (var r = 0; r < rounds; r++)
        {
            var ((latency, wall), sent) = await durable.MeasureAsync(() => OneJobAsync(http), idle, TimeSpan.FromSeconds(1));
            latencies.Add(latency);
            walls.Add(wall);
            requests.Add(sent);
        }

        Console.WriteLine("| measure | median | p95 |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| submit → jobCompleted over HTTP (ms) | {Stats.F(Stats.Median(latencies), "0")} | {Stats.F(Stats.Percentile(latencies, 95), "0")} |");
        Console.WriteLine($"| job's own wall time, dispatch → last segment (ms) | {Stats.F(Stats.Median(walls), "0")} | {Stats.F(Stats.Percentile(walls, 95), "0")} |");
        Console.WriteLine($"| storage requests per segment | {Stats.F(Stats.Median(requests.Select(q => q.Total / Segments)))} | {Stats.F(Stats.Percentile(requests.Select(q => q.Total / Segments), 95))} |");
        Console.WriteLine();
        Console.WriteLine($"{rounds} rounds after 10 s of warm-up (target ≤ 100 ms; DTFx 305 ms). Requests are net of the idle service's {Stats.F(idle.Total, "0.0")} per second.");
        Console.WriteLine();
        StorageRequests.Sum(requests).PrintTable(rounds, Segments, idle);
    }

    // Submit, then follow the job to jobCompleted; the job's own wall time comes with that event.
    private static async Task<(double Latency, double Wall)> OneJobAsync(HttpClient http)
    {
        var sw = Stopwatch.StartNew();
        var body = $$$"""{"command":"synthetic","options":{"items":{{{Segments}}},"maxInstances":{{{Segments}}},"itemsPerInstance":1}}""";
        var snapshot = await JobStream.RunToCompletionAsync(http, body);
        var latency = sw.Elapsed.TotalMilliseconds;
        if (snapshot.GetProperty("instances").GetArrayLength() != Segments)
        {
            throw new InvalidOperationException($"expected {Segments} segments: {snapshot}");
        }

        return (latency, snapshot.GetProperty("metrics").GetProperty("wallMs").GetDouble());
    }
}
