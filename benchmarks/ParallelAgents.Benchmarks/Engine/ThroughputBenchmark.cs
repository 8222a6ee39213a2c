using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

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
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        const string Body = """{"command":"synthetic","options":{"items":8,"maxInstances":8,"itemsPerInstance":1}}""";

        var unfinished = 0;
        var refused = 0;

        async Task<double> OneJob()
        {
            var sw = Stopwatch.StartNew();
            var response = await http.PostAsync("/api/jobs", new StringContent(Body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                // A refusal under load is a figure of the run (counted and reported), not the benchmark's failure.
                Interlocked.Increment(ref refused);
                return sw.Elapsed.TotalMilliseconds;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            using var events = await http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            var completed = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == "event: jobCompleted")
                {
                    completed = true;
                    break;
                }
            }

            if (!completed)
            {
                // A stream must end with the job's completion event; one that just closes is counted and reported.
                Interlocked.Increment(ref unfinished);
            }

            return sw.Elapsed.TotalMilliseconds;
        }

        // Warm-up: full rounds for 30 s. A new process runs unoptimised code first and tiers it up under load; its
        // throughput climbs for about 20 s (from about 90 to about 300 jobs/s here), and this measures the service
        // after that, as it runs.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => OneJob()));
        }


        Console.WriteLine("| round | jobs | wall (s) | jobs/s | p50 (ms) | p95 (ms) | streams without jobCompleted | refused (503) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rates = new List<double>();
        for (var r = 1; r <= rounds; r++)
        {
            unfinished = 0;
            refused = 0;
            var sw = Stopwatch.StartNew();
            var latencies = await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => OneJob()));
            var wall = sw.Elapsed.TotalSeconds;
            rates.Add(jobs / wall);
            Console.WriteLine($"| {r} | {jobs} | {Stats.F(wall, "0.000")} | {Stats.F(jobs / wall, "0")} | {Stats.F(Stats.Median(latencies), "0")} | {Stats.F(Stats.Percentile(latencies, 95), "0")} | {unfinished} | {refused} |");
        }

        Console.WriteLine();
        Console.WriteLine($"**Median {Stats.F(Stats.Median(rates), "0")} jobs/s** (target ≥ 100 on 2 cores). Each job: POST /api/jobs, then its SSE stream read until jobCompleted; service in its own process (Release, with its own runtime settings: server GC, DATAS off){(durable ? ", storing in Azure Storage (Azurite in memory)" : "")}.");
    }
}
