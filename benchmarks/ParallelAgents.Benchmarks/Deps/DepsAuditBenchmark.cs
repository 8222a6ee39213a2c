using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Osv;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Benchmarks.Deps;

/// <summary>
/// deps-audit over a generated monorepo (six managers, ~5,000 dependencies) against a generated OSV directory
/// (~50,000 records): index build once, then one instance per manager against one instance, same process.
/// </summary>
public sealed class DepsAuditBenchmark : IBenchmarkScenario
{
    private const int ManifestsPerManager = 10;
    private const int DepsPerManifest = 84;
    private const int Records = 50_000;
    private const int NamesPerEcosystem = 2_000;

    /// <inheritdoc />
    public string Name => "deps-audit";

    /// <inheritdoc />
    public string Description => "deps-audit: 6 managers, ~5,000 deps, 50,000 OSV records; one instance per manager vs 1; index build; peak memory";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "deps-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var repo = Path.Combine(root, "repo");
        var osv = Path.Combine(root, "osv");
        try
        {
            var deps = GenerateRepo(repo);
            GenerateOsv(osv);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Advisories:OsvDirectory", osv)]).Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddBuiltInCommands().BuildServiceProvider();
            var advisories = services.GetRequiredService<AdvisoryService>();
            var before = GC.GetTotalMemory(true);
            var sw = Stopwatch.StartNew();
            var index = await ((DirectoryAdvisorySource)advisories.Source!).GetIndexAsync(cancellationToken);
            var indexMs = sw.Elapsed.TotalMilliseconds;
            var indexBytes = GC.GetTotalMemory(true) - before;

            var command = services.GetRequiredService<DepsAuditCommand>();
            var context = new CommandContext("bench", new Workspace(repo), CommandOptions.Empty, services);
            var assessment = await command.AssessAsync(context, cancellationToken);
            var perManager = await RunAsync(command, context, assessment.Items, maxInstances: 6, cancellationToken);
            var single = await RunAsync(command, context, assessment.Items, maxInstances: 1, cancellationToken);
            for (var i = 0; i < 2; i++)
            {
                perManager = Best(perManager, await RunAsync(command, context, assessment.Items, 6, cancellationToken));
                single = Best(single, await RunAsync(command, context, assessment.Items, 1, cancellationToken));
            }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Workspace: {assessment.Items.Count} manifests, {deps:N0} dependencies over 6 managers; OSV directory: {index.Records:N0} records ({index.Skipped} skipped), {Environment.ProcessorCount} cores."));
            Console.WriteLine();
            Console.WriteLine("| figure | one instance per manager | 1 instance | ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| instances (segments) | {perManager.Segments} | {single.Segments} | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time, execute + aggregate (best of 3) | {perManager.WallMs:F0} ms | {single.WallMs:F0} ms | {single.WallMs / perManager.WallMs:F2}x |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| aggregate only | {perManager.AggregateMs:F0} ms | {single.AggregateMs:F0} ms | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| busiest segment | {perManager.LongestSegmentMs:F0} ms | {single.LongestSegmentMs:F0} ms | |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| vulnerability findings | {perManager.Vulnerabilities} | {single.Vulnerabilities} | |"));
            Console.WriteLine();
            Console.WriteLine("| index figure | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| index build (once per silo, {index.Records:N0} records) | {indexMs:F0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| managed heap held by the index | {indexBytes / (1024.0 * 1024):F0} MiB |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| process peak working set | {peak / (1024.0 * 1024):F0} MiB |"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Run Best(Run a, Run b) => a.WallMs <= b.WallMs ? a : b;

    private static async Task<Run> RunAsync(DepsAuditCommand command, CommandContext context, IReadOnlyList<WorkItem> items, int maxInstances, CancellationToken cancellationToken)
    {
        var plan = JobPlanner.Plan(items, new PoolSettings(maxInstances, 1, 5), command.Descriptor.Strategy);
        var sw = Stopwatch.StartNew();
        var segmentTimes = new double[plan.Segments.Count];
        var results = await Task.WhenAll(plan.Segments.Select((segment, i) => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var list = new List<ItemResult>();
            foreach (var item in segment.Items)
            {
                list.Add(await command.ExecuteAsync(context, item, cancellationToken));
            }

            segmentTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return list;
        }, cancellationToken)));
        var aggregateStarted = Stopwatch.GetTimestamp();
        var section = await command.AggregateAsync(context, results.SelectMany(r => r).ToArray(), cancellationToken);
        var aggregateMs = Stopwatch.GetElapsedTime(aggregateStarted).TotalMilliseconds;
        return new Run(plan.Segments.Count, sw.Elapsed.TotalMilliseconds, aggregateMs, segmentTimes.Max(), section.Findings.Count(f => f.RuleId == DepsRules.Vulnerable));
    }

    internal static int GenerateRepo(string repo)
    {
        var total = 0;
        for (var m = 0; m < ManifestsPerManager; m++)
        {
            string Dir(string manager)
            {
                var d = Path.Combine(repo, manager, $"p{m:D2}");
                Directory.CreateDirectory(d);
                return d;
            }

            var names = Enumerable.Range(0, DepsPerManifest).Select(k => ((m * DepsPerManifest) + k) % NamesPerEcosystem).ToArray();
            string V(int k) => $"1.{k % 10}.0";

            var npm = new StringBuilder("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": {} }");
            foreach (var k in names)
            {
                npm.Append(CultureInfo.InvariantCulture, $",\n    \"node_modules/pkg-{k}\": {{ \"version\": \"{V(k)}\", \"license\": \"MIT\" }}");
            }

            File.WriteAllText(Path.Combine(Dir("npm"), "package-lock.json"), npm.Append("\n  }\n}\n").ToString());
            File.WriteAllLines(Path.Combine(Dir("python"), "requirements.txt"), names.Select(k => $"pkg-{k}=={V(k)}  # pinned"));
            File.WriteAllText(Path.Combine(Dir("go"), "go.mod"), $"module example.com/m{m}\n\ngo 1.21\n\nrequire (\n" + string.Concat(names.Select(k => $"\texample.com/pkg-{k} v{V(k)}\n")) + ")\n");
            File.WriteAllText(Path.Combine(Dir("cargo"), "Cargo.lock"), "version = 3\n" + string.Concat(names.Select(k => $"\n[[package]]\nname = \"pkg-{k}\"\nversion = \"{V(k)}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n")));
            File.WriteAllText(Path.Combine(Dir("maven"), "pom.xml"), $"<project><groupId>g</groupId><artifactId>m{m}</artifactId><version>1</version><properties><v>1.0.0</v></properties><dependencies>\n" + string.Concat(names.Select(k => $"<dependency><groupId>org.example</groupId><artifactId>pkg-{k}</artifactId><version>{V(k)}</version></dependency>\n")) + "</dependencies></project>\n");
            File.WriteAllText(Path.Combine(Dir("nuget"), "packages.lock.json"), "{\"version\":1,\"dependencies\":{\"net8.0\":{\n" + string.Join(",\n", names.Select(k => $"\"Pkg{k}\":{{\"type\":\"Direct\",\"resolved\":\"{V(k)}\"}}")) + "\n}}}\n");
            total += 6 * names.Length;
        }

        return total;
    }

    internal static void GenerateOsv(string osv)
    {
        Directory.CreateDirectory(osv);
        (string Ecosystem, Func<int, string> Name)[] ecosystems =
        [
            ("npm", k => $"pkg-{k}"), ("PyPI", k => $"pkg-{k}"), ("Go", k => $"example.com/pkg-{k}"),
            ("crates.io", k => $"pkg-{k}"), ("Maven", k => $"org.example:pkg-{k}"), ("NuGet", k => $"Pkg{k}"),
        ];
        Parallel.For(0, Records, r =>
        {
            var (ecosystem, name) = ecosystems[r % ecosystems.Length];
            var k = (r / ecosystems.Length) % NamesPerEcosystem;
            var fixedMinor = (r / (ecosystems.Length * NamesPerEcosystem)) + 3;
            var json = $$"""
                {"schema_version":"1.6.0","id":"BENCH-{{r}}","aliases":["CVE-2099-{{r}}"],"modified":"2024-05-{{1 + (r % 28):D2}}T00:00:00Z",
                 "summary":"Generated advisory {{r}}","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:{{(r % 2 == 0 ? "H" : "N")}}/A:N"}],
                 "affected":[{"package":{"ecosystem":"{{ecosystem}}","name":"{{name(k)}}"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.{{fixedMinor}}.0"}]}],"versions":["0.9.0"]}]}
                """;
            File.WriteAllText(Path.Combine(osv, $"BENCH-{r}.json"), json);
        });
    }

    private sealed record Run(int Segments, double WallMs, double AggregateMs, double LongestSegmentMs, int Vulnerabilities);
}
