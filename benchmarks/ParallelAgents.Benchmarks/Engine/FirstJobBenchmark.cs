using System.Diagnostics;
using System.Globalization;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// B2's job (40 items × 100 ms, 8 instances) as the first job of a freshly started service process, against the same
/// job once the process is warm: each round starts the service, runs the job at once, then <see cref="WarmJobs"/>
/// more. The speedup is the items' sequential time (40 × 100 ms) over the job's own wall time.
/// </summary>
public sealed class FirstJobBenchmark : IBenchmarkScenario
{
    private const int Items = 40;
    private const int LatencyMs = 100;
    private const int WarmJobs = 4;
    private const string Body = """{"command":"synthetic","options":{"items":40,"latencyMs":100,"maxInstances":8}}""";

    public string Name => "b2-first";

    public string Description => "B2's job as the first job after the service process starts, against the same job warm (args: rounds=5, and a tree whose src/ParallelAgents.Api/bin/Release/net10.0 holds another build of the service, e.g. a ReadyToRun publish)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var root = args.Length > 1 ? args[1] : null;
        var firsts = new List<Run>();
        var warms = new List<Run>();
        Console.WriteLine("| round | process start → ready (ms) | first job: wall (ms), speedup | warm jobs: wall (ms), speedup (median) | first ÷ warm speedup |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.StartNew();
            await using var service = await ServiceProcess.StartAsync(root: root);
            var ready = start.Elapsed.TotalMilliseconds;
            using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var first = await OneJobAsync(http);
            var warm = new List<Run>();
            for (var i = 0; i < WarmJobs; i++)
            {
                warm.Add(await OneJobAsync(http));
            }

            await service.StopAsync(TimeSpan.FromSeconds(30));
            var warmWall = Stats.Median(warm.Select(w => w.WallMs));
            var warmSpeedup = Stats.Median(warm.Select(w => w.Speedup));
            firsts.Add(first);
            warms.AddRange(warm);
            Console.WriteLine($"| {r + 1} | {Stats.F(ready, "0")} | {Stats.F(first.WallMs, "0")}, {Stats.F(first.Speedup)}× | {Stats.F(warmWall, "0")}, {Stats.F(warmSpeedup)}× | {Stats.F(first.Speedup / warmSpeedup, "0.000")} |");
        }

        var firstSpeedup = Stats.Median(firsts.Select(f => f.Speedup));
        var warmMedian = Stats.Median(warms.Select(w => w.Speedup));
        Console.WriteLine();
        Console.WriteLine($"**First job {Stats.F(firstSpeedup)}× (median of {rounds} starts; {Stats.F(firsts.Min(f => f.Speedup))}–{Stats.F(firsts.Max(f => f.Speedup))}×), warm {Stats.F(warmMedian)}×: the first job at {Stats.F(100 * firstSpeedup / warmMedian, "0.0")} % of warm** (target: within 10 %, speedup ≥ 7.5×). Speedup = {Items} × {LatencyMs} ms ÷ the job's own wall time (dispatch → last segment); the service is {(root is null ? "the platform-neutral build output (JIT)" : "the build under " + root)}, started by `dotnet`.");
    }

    private static async Task<Run> OneJobAsync(HttpClient http)
    {
        var snapshot = await JobStream.RunToCompletionAsync(http, Body);
        var wall = snapshot.GetProperty("metrics").GetProperty("wallMs").GetDouble();
        return new Run(wall, Items * LatencyMs / wall);
    }

    private sealed record Run(double WallMs, double Speedup);
}
