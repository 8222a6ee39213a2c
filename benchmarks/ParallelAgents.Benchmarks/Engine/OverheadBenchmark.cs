using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Commands;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>B1: the engine's cost per segment, against the same executors under Task.WhenAll in one process.</summary>
public sealed class OverheadBenchmark : IBenchmarkScenario
{
    public string Name => "b1";

    public string Description => "overhead: 64 segments × 1 no-op item through the engine vs Task.WhenAll of the same executors";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        const int Segments = 64;
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
        await using var service = await InProcessService.StartAsync();
        var options = $$"""{"items":{{Segments}},"maxInstances":{{Segments}},"itemsPerInstance":1}""";
        var command = new SyntheticCommand();
        var context = new CommandContext("bench", null, CommandOptions.Parse(options), new ServiceCollection().AddBuiltInCommands().BuildServiceProvider());
        var items = (await command.AssessAsync(context, cancellationToken)).Items;

        var internalWall = new List<double>();
        var aggregation = new List<double>();
        async Task<double> EngineOnce()
        {
            var sw = Stopwatch.StartNew();
            var snapshot = await service.RunDirectAsync(SyntheticCommand.Name, options);
            internalWall.Add(snapshot.Metrics.WallMs);
            aggregation.Add(snapshot.Metrics.AggregationMs);
            if (snapshot.Instances.Count != Segments)
            {
                throw new InvalidOperationException($"expected {Segments} segments, got {snapshot.Instances.Count}");
            }

            return sw.Elapsed.TotalMilliseconds;
        }

        async Task<double> BaselineOnce()
        {
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(items.Select(i => command.ExecuteAsync(context, i, cancellationToken)));
            return sw.Elapsed.TotalMilliseconds;
        }

        // Warm up for a few seconds: tiered JIT dominates the first rounds.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(5))
        {
            await EngineOnce();
            await BaselineOnce();
        }

        internalWall.Clear();
        aggregation.Clear();
        var engine = new List<double>();
        var baseline = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            engine.Add(await EngineOnce());
            baseline.Add(await BaselineOnce());
        }

        var perSegment = (Stats.Median(engine) - Stats.Median(baseline)) / Segments;
        Console.WriteLine("| measure | median | p95 |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| engine job, submit → job grain reports completion (ms) | {Stats.F(Stats.Median(engine))} | {Stats.F(Stats.Percentile(engine, 95))} |");
        Console.WriteLine($"| job's own wall time, dispatch → last segment (ms) | {Stats.F(Stats.Median(internalWall))} | {Stats.F(Stats.Percentile(internalWall, 95))} |");
        Console.WriteLine($"| aggregation: ledgers read, results merged, report built (ms) | {Stats.F(Stats.Median(aggregation))} | {Stats.F(Stats.Percentile(aggregation, 95))} |");
        Console.WriteLine($"| Task.WhenAll of the same executors (ms) | {Stats.F(Stats.Median(baseline), "0.000")} | {Stats.F(Stats.Percentile(baseline, 95), "0.000")} |");
        Console.WriteLine($"| **engine overhead per segment (ms)** | **{Stats.F(perSegment, "0.000")}** | {Stats.F((Stats.Percentile(engine, 95) - Stats.Median(baseline)) / Segments, "0.000")} |");
        Console.WriteLine();
        Console.WriteLine($"{rounds} rounds after 5 s of warm-up; target ≤ 0.5 ms per segment. {Stats.PeakMemoryMb()}.");
    }
}
