using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Benchmarks.Deps;
using ParallelAgents.Benchmarks.Docs;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Benchmarks.Scheduling;

/// <summary>
/// <c>deps-audit</c> and <c>docs</c> on their benchmark workloads, submitted to one silo as jobs: the pool the command's
/// history chooses against today's fixed pool (<c>costs: assessed</c>, the size from the item count) and one instance
/// (packed by assessed size and by history),
/// after one learning run. Args: [rounds=3] [commands=deps-audit,docs].
/// </summary>
public sealed class LearnedPoolBenchmark : IBenchmarkScenario
{
    private const int DocsFiles = 5000;

    public string Name => "sched-pool";

    public string Description => "deps-audit and docs as jobs: learned pool vs today's fixed pool vs 1 instance, after one learning run";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var commands = args.Length > 1 ? args[1].Split(',') : ["deps-audit", "docs"];
        var load = SkewedPackingBenchmark.LoadAverage();
        var root = Path.Combine(Path.GetTempPath(), "sched-pool-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var repo = Path.Combine(root, "deps");
            var osv = Path.Combine(root, "osv");
            var docs = Path.Combine(root, "docs");
            var deps = DepsAuditBenchmark.GenerateRepo(repo);
            DepsAuditBenchmark.GenerateOsv(osv);
            DocsBenchmark.Generate(docs, DocsFiles);
            await using var service = await InProcessService.StartAsync(new Dictionary<string, string?>
            {
                ["Workspaces:AllowedRoots:0"] = root,
                ["Advisories:OsvDirectory"] = osv,
            });

            // The silo's advisory index is built once and shared; built here, it is not part of the first job's items.
            var index = await ((DirectoryAdvisorySource)service.Services.GetRequiredService<AdvisoryService>().Source!).GetIndexAsync(cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"One silo, {Environment.ProcessorCount} cores, admission on (default). deps-audit: 60 manifests, {deps:N0} dependencies, {index.Records:N0} OSV records; docs: {DocsFiles:N0} Markdown files, coverage off. {rounds} rounds after one learning run, configurations rotated each round; load average before: {load}."));
            Console.WriteLine();
            foreach (var command in commands)
            {
                var (path, options) = command == "docs" ? (docs, "\"coverage\":false") : (repo, string.Empty);
                await MeasureAsync(service, command, new WorkspaceRef(path, null), options, rounds);
            }

            Console.WriteLine($"Load average after: {SkewedPackingBenchmark.LoadAverage()}.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task MeasureAsync(InProcessService service, string command, WorkspaceRef workspace, string options, int rounds)
    {
        static string Join(params string[] parts) => "{" + string.Join(",", parts.Where(p => p.Length > 0)) + "}";
        var configurations = new (string Label, string Options)[]
        {
            ("learned pool (history)", Join(options)),
            ("today's fixed pool (`costs: assessed`)", Join(options, "\"costs\":\"assessed\"")),
            ("1 instance (`costs: assessed, maxInstances: 1`)", Join(options, "\"costs\":\"assessed\"", "\"maxInstances\":1")),
            ("1 instance, packed by history (`maxInstances: 1`)", Join(options, "\"maxInstances\":1")),
        };

        // The learning run: the command's history is empty before it, so it plans today's fixed pool.
        var learning = await RunAsync(service, command, workspace, configurations[0].Options);
        var runs = configurations.Select(_ => new List<JobSnapshot>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < configurations.Length; k++)
            {
                var c = (k + r) % configurations.Length;
                runs[c].Add(await RunAsync(service, command, workspace, configurations[c].Options));
            }
        }

        var single = Stats.Median(runs[2].Select(Latency));
        Console.WriteLine($"### {command}");
        Console.WriteLine();
        Console.WriteLine("| configuration | instances | median submit → end (ms) | min | max | median makespan (ms) | 1 instance ÷ this |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var k = 0; k < configurations.Length; k++)
        {
            var latencies = runs[k].Select(Latency).ToArray();
            var instances = string.Join("/", runs[k].Select(s => s.Metrics.Instances).Distinct());
            Console.WriteLine($"| {configurations[k].Label} | {instances} | {Stats.F(Stats.Median(latencies), "0")} | {Stats.F(latencies.Min(), "0")} | {Stats.F(latencies.Max(), "0")} | {Stats.F(Stats.Median(runs[k].Select(Makespan)), "0")} | {Stats.F(single / Stats.Median(latencies))}× |");
        }

        Console.WriteLine();
        Console.WriteLine($"Learning run (no history, fixed pool of {learning.Metrics.Instances}): {Stats.F(Latency(learning), "0")} ms. Learned pool per round: {string.Join(", ", runs[0].Select(s => s.Metrics.Instances))}.");
        foreach (var (snapshot, round) in runs[0].Select((s, i) => (s, i + 1)))
        {
            Console.WriteLine($"- round {round}: {snapshot.Pool?.Reason ?? "(no pool choice)"} Actual makespan {Stats.F(snapshot.Pool?.ActualMakespanMs ?? double.NaN, "0")} ms.");
        }

        Console.WriteLine();
    }

    private static async Task<JobSnapshot> RunAsync(InProcessService service, string command, WorkspaceRef workspace, string options)
    {
        var job = service.Client.GetGrain<ICommandGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobSpec(command, workspace, options, null, DateTimeOffset.UtcNow));
        var snapshot = await WaitAsync(job, TimeSpan.FromMinutes(10));
        return snapshot.Status == JobStatus.Completed
            ? snapshot
            : throw new InvalidOperationException($"{command} {options} ended {snapshot.Status}: {snapshot.Error}");
    }

    /// <summary>Waits in short calls (each well inside the client's response timeout) until the job has ended.</summary>
    internal static async Task<JobSnapshot> WaitAsync(ICommandGrain job, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var snapshot = (await job.WaitAsync(TimeSpan.FromSeconds(10)))!;
            if (snapshot.Status.IsTerminal() || DateTimeOffset.UtcNow > deadline)
            {
                return snapshot;
            }
        }
    }

    internal static double Latency(JobSnapshot snapshot) => ((snapshot.CompletedAt ?? DateTimeOffset.UtcNow) - snapshot.CreatedAt).TotalMilliseconds;

    private static double Makespan(JobSnapshot snapshot) => snapshot.Metrics.WallMs - snapshot.Metrics.AggregationMs;
}
