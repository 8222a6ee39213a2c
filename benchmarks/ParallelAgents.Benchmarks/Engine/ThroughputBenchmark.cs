namespace ParallelAgents.Benchmarks.Engine;

/// <summary>B3: many concurrent 8-segment jobs submitted over HTTP to the real service process.</summary>
public sealed class ThroughputBenchmark : IBenchmarkScenario
{
    public string Name => "b3";

    public string Description => "throughput: 200 concurrent 8-segment synthetic jobs over HTTP; jobs/s, p50/p95 submit → complete (args: jobs rounds [durable])";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        // "durable": the service stores everything in Azure Storage (Azurite in memory), as it is deployed.
        var durable = args.Length > 2 && args[2] == "durable";
        using var azurite = durable ? await AzuriteProcess.StartAsync() : null;
        // Per-identity limits would (rightly) refuse one anonymous client's 200 concurrent jobs: lift them here.
        var settings = new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentJobsPerIdentity"] = "0",
            ["Limits__SubmissionsPerMinute"] = "0",
        };
        if (azurite is not null)
        {
            settings["Storage__Provider"] = "AzureStorage";
            settings["Storage__ConnectionString"] = azurite.ConnectionString;
        }

        await using var service = await ServiceProcess.StartAsync(settings);
        using var load = new ThroughputLoad(service.BaseAddress);

        // Warm-up: full rounds for 30 s. A new process runs unoptimised code first and tiers it up under load; its
        // throughput climbs for about 20 s (from about 90 to about 300 jobs/s here), and this measures the service
        // after that, as it runs.
        await load.WarmUpAsync(jobs, TimeSpan.FromSeconds(30));

        Console.WriteLine("| round | jobs | wall (s) | jobs/s | p50 (ms) | p95 (ms) | streams without jobCompleted | refused (503) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rates = new List<double>();
        for (var r = 1; r <= rounds; r++)
        {
            var round = await load.RoundAsync(jobs);
            rates.Add(round.JobsPerSecond);
            Console.WriteLine($"| {r} | {jobs} | {Stats.F(round.WallSeconds, "0.000")} | {Stats.F(round.JobsPerSecond, "0")} | {Stats.F(Stats.Median(round.Latencies), "0")} | {Stats.F(Stats.Percentile(round.Latencies, 95), "0")} | {round.Unfinished} | {round.Refused} |");
        }

        Console.WriteLine();
        Console.WriteLine($"**Median {Stats.F(Stats.Median(rates), "0")} jobs/s** (target ≥ 100 on 2 cores). Each job: POST /api/jobs, then its SSE stream read until jobCompleted; service in its own process (Release, with its own runtime settings: server GC, DATAS off){(durable ? ", storing in Azure Storage (Azurite in memory)" : "")}.");
    }
}
