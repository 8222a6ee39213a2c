using System.Globalization;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// B3's load against the two topologies on one machine and one Azurite, alternated round by round: one process in the
/// Combined role, and a front end in the Client role with two processes in the Silo role.
/// </summary>
public sealed class TopologyThroughputBenchmark : IBenchmarkScenario
{
    public string Name => "b3-topology";

    public string Description => "B3 (200 concurrent 8-segment jobs over HTTP, durable on Azurite): Combined vs a Client front end + 2 silos, alternated (args: jobs rounds warm-up-seconds)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var warmUp = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);
        using var azurite = await AzuriteProcess.StartAsync();

        Console.WriteLine("| round | topology | processes | wall (s) | jobs/s | p50 (ms) | p95 (ms) | streams without jobCompleted | refused (503) | failed (other 5xx) | CPU ms per job (front end + silos) | load average |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        var rates = new Dictionary<string, List<double>> { ["combined"] = [], ["split"] = [] };
        for (var r = 1; r <= rounds; r++)
        {
            // The order alternates, so neither topology always runs on the machine the other has just warmed or loaded.
            var order = r % 2 == 1 ? new[] { "combined", "split" } : ["split", "combined"];
            foreach (var topology in order)
            {
                var cluster = $"bench-{topology}-{r}-{Guid.NewGuid():N}"[..40];
                var processes = new List<ServiceProcess>();
                try
                {
                    ServiceProcess entry;
                    if (topology == "combined")
                    {
                        entry = await ServiceProcess.StartAsync(Settings(azurite, cluster, "Combined"));
                        processes.Add(entry);
                    }
                    else
                    {
                        processes.Add(await ServiceProcess.StartAsync(Settings(azurite, cluster, "Silo")));
                        processes.Add(await ServiceProcess.StartAsync(Settings(azurite, cluster, "Silo")));
                        entry = await ServiceProcess.StartAsync(Settings(azurite, cluster, "Client"));
                        processes.Add(entry);
                    }

                    using var load = new ThroughputLoad(entry.BaseAddress) { CountFailures = true };
                    await load.WarmUpAsync(jobs, warmUp);
                    var before = processes.Select(p => CpuSeconds(p.ProcessId)).ToArray();
                    var round = await load.RoundAsync(jobs);
                    var cpu = processes.Select((p, i) => (CpuSeconds(p.ProcessId) - before[i]) * 1000 / jobs).ToArray();
                    rates[topology].Add(round.JobsPerSecond);
                    Console.WriteLine($"| {r} | {topology} | {processes.Count} | {Stats.F(round.WallSeconds, "0.000")} | {Stats.F(round.JobsPerSecond, "0")} | {Stats.F(Stats.Median(round.Latencies), "0")} | {Stats.F(Stats.Percentile(round.Latencies, 95), "0")} | {round.Unfinished} | {round.Refused} | {round.Failed} | {CpuCell(cpu)} | {LoadAverage()} |");
                }
                finally
                {
                    foreach (var process in processes)
                    {
                        await process.DisposeAsync();
                    }
                }
            }
        }

        Console.WriteLine();
        var combined = Stats.Median(rates["combined"]);
        var split = Stats.Median(rates["split"]);
        Console.WriteLine($"**Median combined {Stats.F(combined, "0")} jobs/s, split {Stats.F(split, "0")} jobs/s** (split ÷ combined = {Stats.F(split / combined, "0.00")}). Each start: {warmUp.TotalSeconds:0} s of warm-up rounds, then one measured round; durable mode on one Azurite (in memory); Release; the front end is the HTTP entry of the split cluster.");
    }

    private static Dictionary<string, string> Settings(AzuriteProcess azurite, string cluster, string role) => new()
    {
        // Per-identity limits would (rightly) refuse one anonymous client's 200 concurrent jobs: lift them here.
        ["Limits__MaxConcurrentJobsPerIdentity"] = "0",
        ["Limits__SubmissionsPerMinute"] = "0",
        ["Storage__Provider"] = "AzureStorage",
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Orleans__ClusterId"] = cluster,
        ["Orleans__ServiceId"] = cluster,
        ["Orleans__AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans__Role"] = role,
    };

    // The split list is the silos first, then the front end; the cell names the front end first.
    private static string CpuCell(double[] perProcess) => perProcess.Length == 1
        ? Stats.F(perProcess[0], "0.0")
        : $"{Stats.F(perProcess.Sum(), "0.0")} ({Stats.F(perProcess[^1], "0.0")} + {string.Join(" + ", perProcess[..^1].Select(c => Stats.F(c, "0.0")))})";

    // User + system CPU of a process so far, from /proc (clock ticks of 1/100 s on Linux); 0 where there is none.
    private static double CpuSeconds(int processId)
    {
        var path = $"/proc/{processId}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
