using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Docs;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Benchmarks.Docs;

/// <summary>
/// The docs command over a generated tree of Markdown files with cross-links: 6 instances against 1, the same
/// segments the service would plan (JobPlanner, keyed by document type), each worker running its segment's items in order.
/// </summary>
public sealed class DocsBenchmark : IBenchmarkScenario
{
    /// <inheritdoc />
    public string Name => "docs";

    /// <inheritdoc />
    public string Description => "docs command on a generated tree of 5,000 cross-linked Markdown files: 6 instances vs 1, files per second";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var root = Path.Combine(Path.GetTempPath(), "pa-docs-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Generate(root, files);
            var command = new DocsCommand();
            var services = new ServiceCollection().BuildServiceProvider();
            var context = new CommandContext("bench", new Workspace(root), CommandOptions.Parse("""{"coverage":false}"""), services);

            // Warm-up so both configurations run jitted code.
            await RunAsync(command, context, 1, cancellationToken);
            var one = await RunAsync(command, context, 1, cancellationToken);
            var six = await RunAsync(command, context, 6, cancellationToken);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files:N0} Markdown files, {Environment.ProcessorCount} cores, keyed by document type."));
            Console.WriteLine();
            Console.WriteLine("| configuration | segments | assess (ms) | execute wall (ms) | aggregate (ms) | total wall (ms) | files/s | findings |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (label, r) in new[] { ("1 instance", one), ("6 instances", six) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {r.Segments} | {r.AssessMs:0} | {r.ExecuteMs:0} | {r.AggregateMs:0} | {r.TotalMs:0} | {files / (r.TotalMs / 1000):0} | {r.Findings} |"));
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Speed-up 6 vs 1: execute {one.ExecuteMs / six.ExecuteMs:0.00}x, total {one.TotalMs / six.TotalMs:0.00}x; largest segment holds {six.LargestSegmentShare:P0} of the cost."));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<Result> RunAsync(DocsCommand command, CommandContext context, int instances, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var assessment = await command.AssessAsync(context, cancellationToken);
        var assessMs = total.Elapsed.TotalMilliseconds;
        var plan = JobPlanner.Plan(assessment.Items, new PoolSettings(instances, command.Descriptor.Pool.ItemsPerInstance, command.Descriptor.Pool.ParallelThreshold), command.Descriptor.Strategy);
        var execute = Stopwatch.StartNew();
        var segments = await Task.WhenAll(plan.Segments.Select(segment => Task.Run(async () =>
        {
            var results = new List<ItemResult>(segment.Items.Count);
            foreach (var item in segment.Items)
            {
                results.Add(await command.ExecuteAsync(context, item, cancellationToken));
            }

            return results;
        }, cancellationToken)));
        var executeMs = execute.Elapsed.TotalMilliseconds;
        var aggregate = Stopwatch.StartNew();
        var section = await command.AggregateAsync(context, segments.SelectMany(s => s).ToArray(), cancellationToken);
        var aggregateMs = aggregate.Elapsed.TotalMilliseconds;
        var largest = plan.Segments.Count == 0 ? 1 : plan.Segments.Max(s => (double)s.Cost) / plan.Segments.Sum(s => (double)s.Cost);
        return new Result(plan.Segments.Count, assessMs, executeMs, aggregateMs, total.Elapsed.TotalMilliseconds, section.Findings.Count, largest);
    }

    internal static void Generate(string root, int count)
    {
        // Spread over the document types roughly like a large docs site; every file links to neighbours and anchors,
        // a few links are broken on purpose.
        var folders = new[] { "docs/guides", "docs/architecture", "docs/api", "docs/adr", "docs/tutorials", "src/components" };
        var paths = Enumerable.Range(0, count).Select(i => i % 50 == 0 ? $"{folders[i % folders.Length]}/m{i / 50}/README.md" : $"{folders[i % folders.Length]}/m{i / 50}/page-{i}.md").ToArray();
        for (var i = 0; i < count; i++)
        {
            var path = paths[i];
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# Page {i}\n\nIntroduction for page {i}. It explains one part of the system in a few sentences of prose.\n\n");
            if (path.EndsWith("README.md", StringComparison.Ordinal))
            {
                text.Append("## Install\n\nRun the installer.\n\n## Usage\n\nUse it.\n\n");
            }

            for (var s = 0; s < 6; s++)
            {
                text.Append(CultureInfo.InvariantCulture, $"## Section {s}\n\nSome text for section {s} of page {i}, with `code` and *emphasis*.\n\n");
                var target = paths[(i + (s * 37) + 1) % count];
                var relative = Path.GetRelativePath(Path.GetDirectoryName(path)!, target).Replace('\\', '/');
                var anchor = s % 3 == 0 ? "#section-2" : string.Empty;
                text.Append(CultureInfo.InvariantCulture, $"See [related]({relative}{anchor}) and [this section](#section-{s}).\n\n");
                if (i % 97 == 0 && s == 0)
                {
                    text.Append("A [broken](does-not-exist.md) link.\n\n");
                }

                text.Append("```csharp\nvar x = 1;\n```\n\n");
            }

            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text.ToString());
        }
    }

    private sealed record Result(int Segments, double AssessMs, double ExecuteMs, double AggregateMs, double TotalMs, int Findings, double LargestSegmentShare);
}
