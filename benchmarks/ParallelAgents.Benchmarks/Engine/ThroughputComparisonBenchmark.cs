using System.Globalization;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// B3 on two builds of the service side by side: this tree's and another work tree's (an older commit, built in
/// Release), alternating from start to start with the order rotating each round, so the machine's drift falls on both
/// alike. Each start: warm-up, then three measured rounds; figures are jobs/s and the service's CPU per job, each paired
/// with the other build's in the same round.
/// </summary>
public sealed class ThroughputComparisonBenchmark : IBenchmarkScenario
{
    private const int Jobs = 200;
    private const int RoundsPerStart = 3;

    public string Name => "b3-ab";

    public string Description => "B3 on this build against another work tree's build, alternating (args: other-tree rounds=4 warm-up-s=20)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("name the other work tree (built in Release) as the first argument");
        }

        var other = Path.GetFullPath(args[0]);
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var warmUp = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        (string Label, string Root)[] builds = [("this tree", ServiceProcess.RepositoryRoot()), ("other tree", other)];
        var settings = new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentJobsPerIdentity"] = "0",
            ["Limits__SubmissionsPerMinute"] = "0",
        };

        var starts = new List<(int Round, string Label, double JobsPerSecond, double CpuMsPerJob, double P95)>();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var (label, root) in r % 2 == 0 ? builds : builds.Reverse())
            {
                await using var service = await ServiceProcess.StartAsync(settings, root: root);
                using var load = new ThroughputLoad(service.BaseAddress);
                await load.WarmUpAsync(Jobs, warmUp);
                var cpuBefore = service.ProcessorTime;
                var measured = new List<ThroughputRound>();
                for (var i = 0; i < RoundsPerStart; i++)
                {
                    measured.Add(await load.RoundAsync(Jobs));
                }

                var cpu = (service.ProcessorTime - cpuBefore).TotalMilliseconds / (Jobs * RoundsPerStart);
                var jobsPerSecond = Stats.Median(measured.Select(m => m.JobsPerSecond));
                var p95 = Stats.Percentile([.. measured.SelectMany(m => m.Latencies)], 95);
                starts.Add((r + 1, label, jobsPerSecond, cpu, p95));
                Console.Error.WriteLine($"round {r + 1}/{rounds} {label}: {string.Join(", ", measured.Select(m => Stats.F(m.JobsPerSecond, "0")))} jobs/s, {Stats.F(cpu, "0.00")} ms CPU per job");
            }
        }

        Console.WriteLine($"### B3, this tree ({builds[0].Root}) against {other}: {Jobs} concurrent 8-segment jobs, {rounds} rounds, {Stats.F(warmUp.TotalSeconds, "0")} s warm-up and {RoundsPerStart} measured rounds per start");
        Console.WriteLine();
        Console.WriteLine("| round | build | jobs/s (median of the start's rounds) | p95 (ms) | service CPU per job (ms) |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var s in starts)
        {
            Console.WriteLine($"| {s.Round} | {s.Label} | {Stats.F(s.JobsPerSecond, "0")} | {Stats.F(s.P95, "0")} | {Stats.F(s.CpuMsPerJob, "0.00")} |");
        }

        var pairs = starts.GroupBy(s => s.Round).Select(g => (This: g.First(s => s.Label == "this tree"), Other: g.First(s => s.Label == "other tree"))).ToList();
        var rate = pairs.Select(p => p.This.JobsPerSecond / p.Other.JobsPerSecond).ToArray();
        var cpuRatio = pairs.Select(p => p.This.CpuMsPerJob / p.Other.CpuMsPerJob).ToArray();
        Console.WriteLine();
        Console.WriteLine($"This tree ÷ other, median of the rounds' pairs: **jobs/s {Stats.F(Stats.Median(rate), "0.00")}×** (range {Stats.F(rate.Min(), "0.00")}–{Stats.F(rate.Max(), "0.00")}), " +
            $"**CPU per job {Stats.F(Stats.Median(cpuRatio), "0.00")}×** (range {Stats.F(cpuRatio.Min(), "0.00")}–{Stats.F(cpuRatio.Max(), "0.00")}).");
    }
}
