using ParallelAgents.Abstractions;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Commands.Synthetic;

namespace ParallelAgents.Benchmarks.Scheduling;

/// <summary>
/// A critical job's latency (submission to end) on an idle silo against the same job behind a saturating backlog of
/// low-priority CPU-bound jobs, on one silo whose budget is its cores.
/// </summary>
public sealed class CriticalLatencyBenchmark : IBenchmarkScenario
{
    private const string Critical = """{"items":2,"cpuMs":100,"maxInstances":1}""";
    private const string Low = """{"items":4,"cpuMs":50,"maxInstances":2,"itemsPerInstance":2}""";

    public string Name => "sched-critical";

    public string Description => "critical-job latency under a saturating low-priority load vs on an idle silo";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var backlog = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var load = SkewedPackingBenchmark.LoadAverage();
        // A third argument "off" runs the same load with admission off (every job sends all its segments at once), for comparison.
        var admission = args.Length > 2 && args[2] == "off" ? "false" : "true";
        await using var service = await InProcessService.StartAsync(new Dictionary<string, string?> { ["Scheduling:LearnFromHistory"] = "false", ["Scheduling:Enabled"] = admission });
        var client = service.Client;
        await RunAsync(client, Critical, JobPriority.Critical);

        var idle = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            idle.Add(Latency(await RunAsync(client, Critical, JobPriority.Critical)));
        }

        // Keep the backlog full: low jobs are topped up as they finish, so the queue never drains while we measure.
        using var stop = new CancellationTokenSource();
        var lows = new List<Task<JobSnapshot>>();
        for (var i = 0; i < backlog; i++)
        {
            lows.Add(RunAsync(client, Low, JobPriority.Low));
        }

        var feeder = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var done = await Task.WhenAny(lows);
                lows.Remove(done);
                lows.Add(RunAsync(client, Low, JobPriority.Low));
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var loaded = new List<double>();
        var queued = new List<int>();
        for (var r = 0; r < rounds; r++)
        {
            queued.Add(admission == "true" ? (await client.GetGrain<ParallelAgents.Grains.Scheduling.IAdmissionGrain>(0).GetViewAsync()).QueuedSegments : 0);
            loaded.Add(Latency(await RunAsync(client, Critical, JobPriority.Critical)));
        }

        await stop.CancelAsync();
        await feeder;
        var lowLatency = (await Task.WhenAll(lows)).Select(Latency).ToArray();

        Console.WriteLine("| cluster | median latency (ms) | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| idle | {Stats.F(Stats.Median(idle), "0")} | {Stats.F(idle.Min(), "0")} | {Stats.F(idle.Max(), "0")} |");
        Console.WriteLine($"| behind {backlog} low jobs (median {Stats.F(Stats.Median(queued.Select(q => (double)q)), "0")} segments queued) | {Stats.F(Stats.Median(loaded), "0")} | {Stats.F(loaded.Min(), "0")} | {Stats.F(loaded.Max(), "0")} |");
        Console.WriteLine();
        Console.WriteLine($"**Critical under load vs idle: {Stats.F(Stats.Median(loaded) / Stats.Median(idle))}×** (target ≤ 2×); a low job meanwhile took {Stats.F(Stats.Median(lowLatency), "0")} ms (median). {rounds} rounds, {Environment.ProcessorCount} cores, admission {(admission == "true" ? "on" : "off")}; machine load average before: {load}.");
    }

    private static async Task<JobSnapshot> RunAsync(IClusterClient client, string options, JobPriority priority)
    {
        var job = client.GetGrain<ICommandGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobSpec(SyntheticCommand.Name, null, options, null, DateTimeOffset.UtcNow) { Priority = priority });
        return (await job.WaitAsync(TimeSpan.FromMinutes(5)))!;
    }

    private static double Latency(JobSnapshot snapshot) => ((snapshot.CompletedAt ?? DateTimeOffset.UtcNow) - snapshot.CreatedAt).TotalMilliseconds;
}
