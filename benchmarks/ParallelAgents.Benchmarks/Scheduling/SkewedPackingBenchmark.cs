using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Commands.Synthetic;

namespace ParallelAgents.Benchmarks.Scheduling;

/// <summary>
/// A skewed workload: 40 items of one assessed size, the 4 of key-0 twenty times the others. Packed by size (costs
/// assessed) two slow items can share an instance; packed by the durations learned in one earlier run they cannot.
/// </summary>
public sealed class SkewedPackingBenchmark : IBenchmarkScenario
{
    private const string Workload = "\"items\":40,\"keys\":10,\"latencyMs\":50,\"slowKeyFactor\":20,\"maxInstances\":4,\"itemsPerInstance\":10";

    public string Name => "sched-skew";

    public string Description => "skewed workload: makespan with learned costs vs size-based packing (40 items, 4 of them 20×, 4 instances)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        await using var service = await InProcessService.StartAsync();
        static string Options(string costs) => "{" + Workload + ",\"costs\":\"" + costs + "\"}";

        // The one learning run: the command's history is empty before it.
        var learning = await service.RunDirectAsync(SyntheticCommand.Name, Options("history"));
        var assessed = new List<double>();
        var learned = new List<double>();
        var predicted = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            assessed.Add(Makespan(await service.RunDirectAsync(SyntheticCommand.Name, Options("assessed"))));
            var run = await service.RunDirectAsync(SyntheticCommand.Name, Options("history"));
            learned.Add(Makespan(run));
            predicted.Add(run.Pool?.PredictedMakespanMs ?? double.NaN);
        }

        Console.WriteLine("| packing | median makespan (ms) | min | max | predicted (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| by assessed size (`costs: assessed`) | {Stats.F(Stats.Median(assessed), "0")} | {Stats.F(assessed.Min(), "0")} | {Stats.F(assessed.Max(), "0")} | |");
        Console.WriteLine($"| by learned durations (`costs: history`) | {Stats.F(Stats.Median(learned), "0")} | {Stats.F(learned.Min(), "0")} | {Stats.F(learned.Max(), "0")} | {Stats.F(Stats.Median(predicted), "0")} |");
        Console.WriteLine();
        Console.WriteLine($"**Learned vs size-based: {Stats.F(Stats.Median(assessed) / Stats.Median(learned))}× shorter** (target ≥ 1.3×); learning run (no history yet): {Stats.F(Makespan(learning), "0")} ms. {rounds} rounds, alternating; machine load average before: {LoadAverage()}.");
    }

    // From the first dispatch to the last segment's end: the wall time without the final aggregation.
    private static double Makespan(ParallelAgents.Abstractions.JobSnapshot snapshot) => snapshot.Metrics.WallMs - snapshot.Metrics.AggregationMs;

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
