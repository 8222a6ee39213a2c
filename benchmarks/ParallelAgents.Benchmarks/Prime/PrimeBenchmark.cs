using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands;
using ParallelAgents.Commands.Prime;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Workers;

namespace ParallelAgents.Benchmarks.Prime;

/// <summary>
/// prime on a generated mixed-language tree (default 20,000 files, about 2.2 million lines) and on a real tree:
/// N instances against 1 (same JobPlanner segments as the service, one Task per segment), focused against files mode,
/// and cloc on the same tree. Args: [files] [realTreePath].
/// </summary>
public sealed class PrimeBenchmark : IBenchmarkScenario
{
    private const string FilesMode = """{"mode":"files"}""";

    private const string FocusedMode = """{"mode":"focused"}""";

    /// <inheritdoc />
    public string Name => "prime";

    /// <inheritdoc />
    public string Description => "prime: N instances vs 1, focused vs files mode, prime vs cloc, on a generated and a real tree";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var fileCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var real = args.Length > 1 ? args[1] : "/root/.pyenv/versions/3.12.1/lib/python3.12";
        var root = Path.Combine(Path.GetTempPath(), "prime-bench-" + fileCount.ToString(CultureInfo.InvariantCulture));
        var lines = Generate(root, fileCount);
        Console.WriteLine($"Generated tree: {fileCount} files, {lines:N0} lines in {root}. Machine: {Environment.ProcessorCount} cores.");
        Console.WriteLine();
        await Measure("generated", root, cancellationToken);
        if (Directory.Exists(real))
        {
            await Measure("real: " + real, real, cancellationToken);
        }
    }

    private static async Task Measure(string label, string root, CancellationToken cancellationToken)
    {
        Console.WriteLine($"### {label}");
        Console.WriteLine();
        Console.WriteLine("| configuration | instances | items | wall s | speed-up vs 1 | code lines | peak working set MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        // One discarded run first (JIT, OS file cache), then the median of five per configuration, alternating them
        // so no configuration always runs on a colder machine.
        for (var w = int.Parse(Environment.GetEnvironmentVariable("PRIME_BENCH_WARMUP") ?? "1", CultureInfo.InvariantCulture); w > 0; w--)
        {
            await Run(root, FilesMode, 5, cancellationToken);
        }
        var configurations = new (string Options, int Instances)[] { (FilesMode, 1), (FilesMode, 5), (FocusedMode, 5), (FocusedMode, 1) };
        if (Environment.GetEnvironmentVariable("PRIME_BENCH_ONLY") is { } only)
        {
            configurations = [(FilesMode, int.Parse(only, CultureInfo.InvariantCulture))];
        }

        var runs = configurations.Select(_ => new List<Outcome>()).ToArray();
        for (var round = 0; round < 5; round++)
        {
            for (var k = 0; k < configurations.Length; k++)
            {
                runs[k].Add(await Run(root, configurations[k].Options, configurations[k].Instances, cancellationToken));
            }
        }

        var medians = runs.Select(r => r.OrderBy(o => o.Seconds).ElementAt(r.Count / 2)).ToArray();
        if (medians.Length == 1)
        {
            Console.WriteLine($"median {medians[0].Seconds:F3} s");
            return;
        }

        var (one, many, focused, focusedOne) = (medians[0], medians[1], medians[2], medians[3]);
        Row("files mode, 1 instance", one, one);
        Row("files mode, pool (5 segments)", many, one);
        Row("focused mode, pool (5 aspects)", focused, one);
        Row("focused mode, 1 instance", focusedOne, one);
        var cloc = Cloc(root);
        if (cloc is { } c)
        {
            Console.WriteLine($"| cloc {c.Version} (default options) | 1 process | - | {c.Seconds:F2} | - | {c.Code:N0} | - |");
            Console.WriteLine();
            Console.WriteLine($"prime files mode (pool) is {c.Seconds / many.Seconds:F1}x faster than cloc; with 1 instance {c.Seconds / one.Seconds:F1}x. Code lines differ from cloc by {Math.Abs(many.Code - c.Code) * 100.0 / Math.Max(1, c.Code):F3}%.");
        }
        else
        {
            Console.WriteLine();
            Console.WriteLine("cloc is not installed (scripts/install-prime-tools.sh); no cloc comparison.");
        }

        Console.WriteLine();
    }

    private static void Row(string name, Outcome o, Outcome baseline) =>
        Console.WriteLine($"| {name} | {o.Instances} | {o.Items} | {o.Seconds:F2} | {baseline.Seconds / o.Seconds:F2}x | {o.Code:N0} | {o.PeakMb:F0} |");

    private static async Task<Outcome> Run(string root, string options, int maxInstances, CancellationToken cancellationToken)
    {
        // A fresh silo per run: the file index is built inside the measured time.
        var services = new ServiceCollection().AddBuiltInCommands().BuildServiceProvider();
        var command = services.GetServices<IAgentCommand>().OfType<PrimeCommand>().Single();
        GC.Collect();
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var (pauseBefore, allocatedBefore) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = Stopwatch.StartNew();
        var context = new CommandContext("bench", new Workspace(root), CommandOptions.Parse(options), services);
        var assessment = await command.AssessAsync(context, cancellationToken);
        var assessed = watch.Elapsed.TotalSeconds;
        using var sampler = Environment.GetEnvironmentVariable("PRIME_BENCH_ALLOC") == "1" ? new AllocationSampler() : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var settings = PoolSettings.Resolve(command.Descriptor.Pool, context.Options) with { MaxInstances = maxInstances };
        var plan = JobPlanner.Plan(assessment.Items, settings, assessment.Strategy ?? command.Descriptor.Strategy);
        // Like the service: a segment runs its items in order, each item on the thread pool (ItemRunner), so the
        // segments of a job take turns on the cores between items.
        var segments = await Task.WhenAll(plan.Segments.Select(async segment =>
        {
            var results = new List<ItemResult>();
            foreach (var item in segment.Items)
            {
                results.Add(await ItemRunner.RunAsync(command, context, item, cancellationToken));
            }

            return results;
        }));
        var executed = watch.Elapsed.TotalSeconds;
        var cpuExecute = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var executePause = GC.GetTotalPauseDuration() - pauseBefore;
        var gcsExecute = (GC.CollectionCount(0) - gcsBefore.Item1, GC.CollectionCount(1) - gcsBefore.Item2, GC.CollectionCount(2) - gcsBefore.Item3);
        if (sampler is not null)
        {
            Console.Error.WriteLine("execute allocations: " + sampler.Top(25));
            sampler.Bytes.Clear();
        }

        var section = await command.AggregateAsync(context, segments.SelectMany(s => s).ToArray(), cancellationToken);
        watch.Stop();
        if (sampler is not null)
        {
            Console.Error.WriteLine("aggregate allocations: " + sampler.Top(25));
        }

        if (Environment.GetEnvironmentVariable("PRIME_BENCH_PHASES") == "1")
        {
            var itemData = segments.Sum(s => s.Sum(r => r.DataJson?.Length ?? 0)) / 1048576.0;
            Console.Error.WriteLine(
                $"{options} x{maxInstances}: assess {assessed:F2} s, execute {executed - assessed:F2} s (CPU {cpuExecute:F2} s), aggregate {watch.Elapsed.TotalSeconds - executed:F2} s; " +
                $"GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F2} s (execute {executePause.TotalSeconds:F2} s, GCs {gcsExecute}; total {(GC.CollectionCount(0) - gcsBefore.Item1, GC.CollectionCount(1) - gcsBefore.Item2, GC.CollectionCount(2) - gcsBefore.Item3)}), allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:F0} MB, item data {itemData:F1} MB");
        }

        using var data = JsonDocument.Parse(section.DataJson!);
        var code = data.RootElement.GetProperty("totals").GetProperty("code").GetInt64();
        var peak = Math.Max(peakBefore, Process.GetCurrentProcess().PeakWorkingSet64);
        return new Outcome(plan.Segments.Count, assessment.Items.Count, watch.Elapsed.TotalSeconds, code, peak / 1048576.0);
    }

    private static (double Seconds, long Code, string Version)? Cloc(string root)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(p => Path.Combine(p, "cloc")).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(path, ["--json", "--quiet", root]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        using var json = JsonDocument.Parse(output);
        return (watch.Elapsed.TotalSeconds, json.RootElement.GetProperty("SUM").GetProperty("code").GetInt64(), json.RootElement.GetProperty("header").GetProperty("cloc_version").GetString() ?? "?");
    }

    // Deterministic mixed-language tree; every file is distinct (cloc skips duplicate files) and holds comments, blank
    // lines, imports, branches and debt markers so every aspect has work.
    internal static long Generate(string root, int files)
    {
        var marker = Path.Combine(root, ".complete");
        var linesFile = Path.Combine(root, ".lines");
        if (File.Exists(marker))
        {
            return long.Parse(File.ReadAllText(linesFile), CultureInfo.InvariantCulture);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        long total = 0;
        string[] kinds = ["cs", "py", "ts", "js", "go", "java"];
        for (var i = 0; i < files; i++)
        {
            var kind = kinds[i % kinds.Length];
            var dir = Path.Combine(root, $"module{i % 40:D2}", $"part{i / 40 % 25:D2}");
            Directory.CreateDirectory(dir);
            var (name, text, count) = Source(kind, i);
            File.WriteAllText(Path.Combine(dir, name), text);
            total += count;
        }

        File.WriteAllText(linesFile, total.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(marker, "");
        return total;
    }

    private static (string Name, string Text, int Lines) Source(string kind, int i)
    {
        var sb = new StringBuilder();
        var functions = 10 + (i % 7);
        switch (kind)
        {
            case "py":
                sb.Append($"\"\"\"Module {i}.\"\"\"\nimport os\nfrom module{(i + 1) % 40:D2} import helper\n\n");
                for (var f = 0; f < functions; f++)
                {
                    sb.Append($"def f{i}_{f}(x):\n    # TODO: check {f}\n    if x > {f}:\n        return x * {f}\n    for y in range(x):\n        x += y  # add\n    return x\n\n");
                }

                return ($"mod{i}.py", sb.ToString(), Count(sb));
            case "go":
                sb.Append($"// Package p{i} is generated for the benchmark.\npackage p{i}\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n");
                for (var f = 0; f < functions; f++)
                {
                    sb.Append($"/* F{f} does work\n   number {i}. */\nfunc F{i}_{f}(x int) int {{\n\tif x > {f} {{\n\t\treturn x * {f} // mul\n\t}}\n\tfmt.Println(strings.Repeat(\"a\", x))\n\treturn x\n}}\n\n");
                }

                return ($"f{i}.go", sb.ToString(), Count(sb));
            case "java":
                sb.Append($"package m{i % 40};\n\nimport java.util.List;\n\n/** Class {i}. */\npublic class C{i} {{\n");
                for (var f = 0; f < functions; f++)
                {
                    sb.Append($"    // FIXME {f}\n    public int m{f}(List<Integer> xs) {{\n        int t = {f}; /* start */\n        for (int x : xs) {{ if (x > {f}) {{ t += x; }} }}\n\n        return t;\n    }}\n");
                }

                sb.Append("}\n");
                return ($"C{i}.java", sb.ToString(), Count(sb));
            case "cs":
                sb.Append($"using System;\nusing System.Linq;\n\nnamespace Bench.M{i % 40};\n\n/// <summary>Type {i}.</summary>\npublic sealed class T{i}\n{{\n");
                for (var f = 0; f < functions; f++)
                {
                    sb.Append($"    // HACK: {f}\n    public int M{f}(int[] xs)\n    {{\n        var t = {f}; /* inline */\n        foreach (var x in xs)\n        {{\n            t += x > {f} ? x : -x;\n        }}\n\n        return t;\n    }}\n\n");
                }

                sb.Append("}\n");
                return ($"T{i}.cs", sb.ToString(), Count(sb));
            default:
                var ts = kind == "ts";
                sb.Append($"import {{ h }} from \"./{(ts ? "t" : "j")}{i - 6}\";\n/* file {i} */\n\n");
                for (var f = 0; f < functions; f++)
                {
                    sb.Append($"// XXX {f}\nexport function f{i}_{f}(x{(ts ? ": number" : "")}) {{\n  if (x > {f} && x < {f + 100}) {{\n    return x * {f};\n  }}\n  return h(x); // call\n}}\n\n");
                }

                return ($"{(ts ? "t" : "j")}{i}.{kind}", sb.ToString(), Count(sb));
        }
    }

    private static int Count(StringBuilder sb)
    {
        var n = 0;
        for (var i = 0; i < sb.Length; i++)
        {
            if (sb[i] == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private sealed record Outcome(int Instances, int Items, double Seconds, long Code, double PeakMb);
}
