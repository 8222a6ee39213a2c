using ParallelAgents.Commands.Synthetic;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>B2: 40 latency-bound items with 8 instances against 1 instance on the same service.</summary>
public sealed class SpeedupBenchmark : IBenchmarkScenario
{
    public string Name => "b2";

    public string Description => "latency-bound speedup: 40 items × 100 ms, maxInstances 8 vs 1";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        await using var service = await InProcessService.StartAsync();
        const string Eight = """{"items":40,"latencyMs":100,"maxInstances":8}""";
        const string One = """{"items":40,"latencyMs":100,"maxInstances":1}""";
        await service.RunAsync(SyntheticCommand.Name, Eight);
        await service.RunAsync(SyntheticCommand.Name, One);
        var eight = new List<double>();
        var one = new List<double>();
        var reported = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var e = await service.RunAsync(SyntheticCommand.Name, Eight);
            eight.Add(e.Metrics.WallMs);
            reported.Add(e.Metrics.Speedup);
            one.Add((await service.RunAsync(SyntheticCommand.Name, One)).Metrics.WallMs);
        }

        Console.WriteLine("| configuration | median wall (ms) | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| maxInstances 8 | {Stats.F(Stats.Median(eight), "0")} | {Stats.F(eight.Min(), "0")} | {Stats.F(eight.Max(), "0")} |");
        Console.WriteLine($"| maxInstances 1 | {Stats.F(Stats.Median(one), "0")} | {Stats.F(one.Min(), "0")} | {Stats.F(one.Max(), "0")} |");
        Console.WriteLine();
        Console.WriteLine($"**Speedup 8 vs 1: {Stats.F(Stats.Median(one) / Stats.Median(eight))}×** (ideal 8×, target ≥ 7.5×); the job's own speedup metric (busy / wall) with 8 instances: {Stats.F(Stats.Median(reported))}×. {rounds} rounds each.");
    }
}
