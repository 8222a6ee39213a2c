using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Benchmarks.AgentAudit;

/// <summary>
/// agent-audit over generated agent files in 8 categories: the service's keyed plan run by 8 concurrent workers
/// against the same items run by 1 worker, in one process.
/// </summary>
public sealed class AgentAuditBenchmark : IBenchmarkScenario
{
    private static readonly (string Category, string Color)[] Categories =
    [
        ("development", "blue"), ("quality", "green"), ("security", "red"), ("architecture", "purple"),
        ("design", "pink"), ("analysis", "yellow"), ("infrastructure", "orange"), ("operations", "cyan"),
    ];

    /// <inheritdoc />
    public string Name => "agent-audit";

    /// <inheritdoc />
    public string Description => "agent-audit on N generated agent files (default 2000) in 8 categories: 8 instances against 1.";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var root = Path.Combine(Path.GetTempPath(), "agent-audit-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var bytes = Generate(root, files);
            var command = new AgentAuditCommand();
            var context = new CommandContext("bench", new Workspace(root), CommandOptions.Empty, new ServiceCollection().BuildServiceProvider());
            var assessWatch = Stopwatch.StartNew();
            var assessment = await command.AssessAsync(context, cancellationToken);
            assessWatch.Stop();
            var items = assessment.Items;

            // Warm-up: JIT and the file cache, so that neither configuration pays for them.
            await RunPlanAsync(command, context, Plan(command, items, 8), cancellationToken);

            var runs = new Dictionary<int, List<Measurement>> { [1] = [], [8] = [] };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var instances in new[] { 1, 8 })
                {
                    runs[instances].Add(await MeasureAsync(command, context, Plan(command, items, instances), cancellationToken));
                }
            }

            var one = Median(runs[1]);
            var eight = Median(runs[8]);
            var plan8 = Plan(command, items, 8);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{items.Count} files ({bytes / 1024.0 / 1024.0:0.0} MiB) in {items.Select(i => i.Key).Distinct().Count()} categories; assessment (discovery + frontmatter probe) {assessWatch.Elapsed.TotalMilliseconds:0} ms; {Environment.ProcessorCount} cores; median of {rounds} rounds; server GC off."));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"8-instance plan: {plan8.Segments.Count} segments ({string.Join(", ", plan8.Segments.Select(s => $"{s.Key} {s.Items.Count}"))}), distribution efficiency {plan8.DistributionEfficiency:0.00}."));
            Console.WriteLine();
            Console.WriteLine("| configuration | wall (ms) | files/s | aggregate (ms) | findings | allocated (MiB) | peak working set (MiB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Row("1 instance", one, items.Count);
            Row("8 instances", eight, items.Count);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speedup 8 vs 1: **{one.WallMs / eight.WallMs:0.00}×** (wall-time ratio; the machine has {Environment.ProcessorCount} cores, so CPU-bound work cannot exceed {Environment.ProcessorCount}×)."));
            Console.WriteLine("Peak working set is the process high-water mark after that configuration's runs (it never decreases).");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static JobPlan Plan(AgentAuditCommand command, IReadOnlyList<WorkItem> items, int instances) =>
        JobPlanner.Plan(items, new PoolSettings(instances, command.Descriptor.Pool.ItemsPerInstance, command.Descriptor.Pool.ParallelThreshold), command.Descriptor.Strategy);

    private static async Task<Measurement> MeasureAsync(AgentAuditCommand command, CommandContext context, JobPlan plan, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var results = await RunPlanAsync(command, context, plan, cancellationToken);
        var wall = watch.Elapsed.TotalMilliseconds;
        var aggregateWatch = Stopwatch.StartNew();
        var section = await command.AggregateAsync(context, results, cancellationToken);
        var aggregate = aggregateWatch.Elapsed.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Measurement(wall, aggregate, section.Findings.Count, allocated, process.PeakWorkingSet64);
    }

    // Like the engine: one task per segment, each running its items in order.
    private static async Task<IReadOnlyList<ItemResult>> RunPlanAsync(AgentAuditCommand command, CommandContext context, JobPlan plan, CancellationToken cancellationToken)
    {
        var perSegment = await Task.WhenAll(plan.Segments.Select(segment => Task.Run(
            async () =>
            {
                var results = new List<ItemResult>(segment.Items.Count);
                foreach (var item in segment.Items)
                {
                    results.Add(await command.ExecuteAsync(context, item, cancellationToken));
                }

                return results;
            },
            cancellationToken)));
        return perSegment.SelectMany(r => r).ToArray();
    }

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(r => r.WallMs).ElementAt(runs.Count / 2);

    private static void Row(string name, Measurement m, int files) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.WallMs:0} | {files / (m.WallMs / 1000):0} | {m.AggregateMs:0.0} | {m.Findings} | {m.AllocatedBytes / 1024.0 / 1024.0:0.0} | {m.PeakWorkingSet / 1024.0 / 1024.0:0} |"));

    // Agents shaped like a real collection: ~50-line prompts; every fifth has a defect so that findings and fixes are exercised.
    private static long Generate(string root, int count)
    {
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var (category, color) = Categories[i % Categories.Length];
            var name = $"{category}-agent-{i:D4}";
            var text = new StringBuilder();
            text.Append("---\n");
            text.Append(CultureInfo.InvariantCulture, $"name: {name}\n");
            text.Append(CultureInfo.InvariantCulture, $"description: Expert {category} reviewer number {i}. Use PROACTIVELY when {category} code changes.\n");
            text.Append(i % 5 == 1 ? "tools: Read,Grep,Bash,Write\n" : "tools: Read, Grep, Glob\n");
            text.Append("model: sonnet\n");
            text.Append(CultureInfo.InvariantCulture, $"category: {category}\n");
            text.Append(CultureInfo.InvariantCulture, $"color: {(i % 5 == 2 ? "white" : color)}\n");
            text.Append("---\n\n");
            foreach (var section in new[] { "Identity", "Core Capabilities", "When to Engage", "When NOT to Engage", "Coordination" })
            {
                text.Append(CultureInfo.InvariantCulture, $"## {section}\n\n");
                for (var line = 0; line < 6; line++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"- {section} point {line}: review {category} changes with care and cite file and line for every finding.\n");
                }

                text.Append('\n');
            }

            if (i % 5 != 3)
            {
                text.Append("## SYSTEM BOUNDARY\n\nThis agent does not start or coordinate other agents. Only Claude has orchestration authority.\n");
            }

            var path = Path.Combine(root, ".claude", "agents", category, name + ".md");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(path, bytes);
            total += bytes.Length;
        }

        return total;
    }

    private sealed record Measurement(double WallMs, double AggregateMs, int Findings, long AllocatedBytes, long PeakWorkingSet);
}
