using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Test;
using ParallelAgents.Commands.Test.Sandbox;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Benchmarks.Test;

/// <summary>
/// The test command on a generated pytest workspace: four suite types whose tests wait (sleep, like I/O) and one
/// CPU-heavy type. One instance per type (5) against 1 instance, the same segments the service plans; plus the
/// per-segment overhead of the private copy and the sandboxed process start.
/// </summary>
public sealed class TestBenchmark : IBenchmarkScenario
{
    /// <inheritdoc />
    public string Name => "test";

    /// <inheritdoc />
    public string Description => "test command: 4 waiting suite types + 1 CPU-heavy type, 5 instances (one per type) vs 1; copy and process-start overhead";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "pa-test-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Generate(root);
            var options = new TestCommandOptions { Enabled = true };
            var command = new TestCommand(options, new SandboxLauncher(options));
            var context = new CommandContext("bench", new Workspace(root), CommandOptions.Empty, new ServiceCollection().BuildServiceProvider());

            await RunAsync(command, context, 5, cancellationToken); // warm-up: python probe, page cache
            var one = await RunAsync(command, context, 1, cancellationToken);
            var five = await RunAsync(command, context, 5, cancellationToken);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; pytest; 4 waiting types x 8 tests x 250 ms, performance type 4 tests x 500 ms CPU."));
            Console.WriteLine();
            Console.WriteLine("| configuration | segments | wall (ms) | tests passed | sum of run times (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (label, r) in new[] { ("1 instance", one), ("5 instances (one per type)", five) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {r.Segments} | {r.WallMs:0} | {r.Passed} | {r.Items.Sum(i => i.RunMs):0} |"));
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speed-up 5 vs 1: {one.WallMs / five.WallMs:0.00}x."));
            Console.WriteLine();
            Console.WriteLine("Per segment (1-instance run): copy of the workspace, and runner overhead = run wall time - time pytest measured in tests (process start, sandbox wrappers, interpreter start, collection).");
            Console.WriteLine();
            Console.WriteLine("| type | copy (ms) | copied (KiB) | run wall (ms) | in tests (ms) | overhead (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var i in one.Items.OrderBy(i => i.Type, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i.Type} | {i.CopyMs:0.0} | {i.CopyBytes / 1024.0:0} | {i.RunMs:0} | {i.TestsMs:0} | {i.RunMs - i.TestsMs:0} |"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(int Segments, double WallMs, int Passed, TestItemData[] Items)> RunAsync(TestCommand command, CommandContext context, int instances, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var assessment = await command.AssessAsync(context, cancellationToken);
        var plan = JobPlanner.Plan(assessment.Items, new PoolSettings(instances, command.Descriptor.Pool.ItemsPerInstance, command.Descriptor.Pool.ParallelThreshold), command.Descriptor.Strategy);
        var segments = await Task.WhenAll(plan.Segments.Select(segment => Task.Run(async () =>
        {
            var results = new List<ItemResult>();
            foreach (var item in segment.Items)
            {
                results.Add(await command.ExecuteAsync(context, item, cancellationToken));
            }

            return results;
        }, cancellationToken)));
        var all = segments.SelectMany(s => s).ToArray();
        await command.AggregateAsync(context, all, cancellationToken);
        var items = all.Select(r => JsonSerializer.Deserialize<TestItemData>(r.DataJson!, WorkPlanner.Json)!).ToArray();
        return (plan.Segments.Count, wall.Elapsed.TotalMilliseconds, items.Sum(i => i.Passed), items);
    }

    private static void Generate(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "tests"));
        File.WriteAllText(Path.Combine(root, "pytest.ini"), "[pytest]\nmarkers =\n    integration: i\n    e2e: e\n    security: s\n    performance: p\n");
        foreach (var type in new[] { "unit", "integration", "e2e", "security" })
        {
            var sb = new StringBuilder("import time\nimport pytest\n\n");
            for (var i = 0; i < 8; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\n{(type == "unit" ? string.Empty : $"@pytest.mark.{type}\n")}def test_{type}_{i}():\n    time.sleep(0.25)\n\n");
            }

            File.WriteAllText(Path.Combine(root, "tests", $"test_{type}_waits.py"), sb.ToString());
        }

        var cpu = new StringBuilder("import time\nimport pytest\n\n");
        for (var i = 0; i < 4; i++)
        {
            cpu.Append(CultureInfo.InvariantCulture, $"\n@pytest.mark.performance\ndef test_cpu_{i}():\n    end = time.process_time() + 0.5\n    x = 0\n    while time.process_time() < end:\n        x += 1\n\n");
        }

        File.WriteAllText(Path.Combine(root, "tests", "test_cpu_heavy.py"), cpu.ToString());
    }
}
