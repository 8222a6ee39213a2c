using System.Diagnostics;
using System.Globalization;

namespace ParallelAgents.Benchmarks.ColdStart;

/// <summary>
/// The CLI from process start: <c>parallel-agents run prime TREE</c> and a one-item synthetic job, as built (JIT) and
/// as published ReadyToRun, each also with tiered PGO off, against cloc on the same tree. Every configuration runs once
/// per round, the order rotating from round to round; the figure is wall time from <c>Process.Start</c> to exit.
/// </summary>
public sealed class ColdStartBenchmark : IBenchmarkScenario
{
    /// <inheritdoc />
    public string Name => "coldstart";

    /// <inheritdoc />
    public string Description => "CLI from process start: run prime TREE and a 1-item synthetic job, JIT build vs ReadyToRun publish, tiered PGO on/off, vs cloc (args: tree, rounds, ReadyToRun publish folder)";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var tree = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("coldstart needs a tree to run prime on");
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var published = args.Length > 2 ? Path.GetFullPath(args[2]) : null;
        var built = Path.Combine(ServiceProcess.RepositoryRoot(), "src", "ParallelAgents.Cli", "bin", "Release", "net10.0", "ParallelAgents.Cli.dll");
        if (!File.Exists(built))
        {
            throw new FileNotFoundException($"Build the CLI first (dotnet build -c Release): {built}");
        }

        var variants = new List<(string Name, string? Dll, Dictionary<string, string> Environment)>
        {
            ("cloc", null, []),
            ("CLI, JIT (build output)", built, []),
            ("CLI, JIT, tiered PGO off", built, new() { ["DOTNET_TieredPGO"] = "0" }),
        };
        if (published is not null)
        {
            var dll = Path.Combine(published, "ParallelAgents.Cli.dll");
            variants.Add(("CLI, ReadyToRun (publish)", dll, []));
            variants.Add(("CLI, ReadyToRun, tiered PGO off", dll, new() { ["DOTNET_TieredPGO"] = "0" }));
        }

        var output = Directory.CreateTempSubdirectory("pa-coldstart-").FullName;
        var prime = new Dictionary<string, List<double>>();
        var synthetic = new Dictionary<string, List<double>>();
        var load = Load();
        try
        {
            // One untimed pass: the tree and the assemblies in the file cache, as on a CI runner's second step.
            foreach (var v in variants)
            {
                await RunAsync(v.Dll, v.Environment, tree, output, syntheticJob: false, cancellationToken);
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < variants.Count; k++)
                {
                    var v = variants[(k + round) % variants.Count];
                    Add(prime, v.Name, await RunAsync(v.Dll, v.Environment, tree, output, syntheticJob: false, cancellationToken));
                    if (v.Dll is not null)
                    {
                        Add(synthetic, v.Name, await RunAsync(v.Dll, v.Environment, tree, output, syntheticJob: true, cancellationToken));
                    }
                }

                Console.WriteLine($"round {round + 1}/{rounds} done, load {Load()}");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }

        var files = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tree {tree}: {files} files; {rounds} rounds after one untimed pass; {Environment.ProcessorCount} cores; load average before {load}, after {Load()}."));
        Console.WriteLine();
        Console.WriteLine("| from process start | `run prime` median (s) | min | max | vs cloc | one-item synthetic job median (s) | min | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var cloc = Median(prime["cloc"]);
        foreach (var v in variants)
        {
            var p = prime[v.Name];
            var s = synthetic.TryGetValue(v.Name, out var list) ? list : null;
            var ratio = v.Dll is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{cloc / Median(p):0.00}× faster");
            var syntheticCells = s is null ? "– | – | –" : string.Create(CultureInfo.InvariantCulture, $"{Median(s):0.00} | {s.Min():0.00} | {s.Max():0.00}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {v.Name} | {Median(p):0.00} | {p.Min():0.00} | {p.Max():0.00} | {ratio} | {syntheticCells} |"));
        }
    }

    private static async Task<double> RunAsync(string? dll, Dictionary<string, string> environment, string tree, string output, bool syntheticJob, CancellationToken cancellationToken)
    {
        ProcessStartInfo info;
        if (dll is null)
        {
            info = new ProcessStartInfo("cloc", ["--quiet", "--json", tree]);
        }
        else
        {
            string[] command = syntheticJob
                ? ["run", "synthetic", "--option", "items=1", "--format", "json", "--out", Path.Combine(output, "s.json")]
                : ["run", "prime", tree, "--format", "json", "--out", Path.Combine(output, "p.json")];
            info = new ProcessStartInfo("dotnet", [dll, .. command]);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static void Add(Dictionary<string, List<double>> figures, string name, double seconds)
    {
        if (!figures.TryGetValue(name, out var list))
        {
            figures[name] = list = [];
        }

        list.Add(seconds);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
