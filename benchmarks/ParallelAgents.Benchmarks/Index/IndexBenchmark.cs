using System.Diagnostics;
using System.Globalization;
using ParallelAgents.Abstractions;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Benchmarks.Index;

/// <summary>
/// The job list at scale, before (main's single index grain) and after (the partitioned index), side by side in one
/// run: each in a fresh silo of the default (memory) mode, fed the upserts a coordinator sends.
/// </summary>
public sealed class IndexBenchmark : IBenchmarkScenario
{
    private const int Owners = 100;
    private const int Running = 1_000;
    private const int Samples = 100;

    public string Name => "index";

    public string Description => "job list: submit (upsert) throughput and list latency at 100,000 jobs, before vs after";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var cap = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300);
        Console.WriteLine($"{jobs:N0} jobs over {Owners} owners, created the same day; each sends pending, running, then completed, " +
            $"except the first {Running:N0}, which stay running and send progress once a second while the lists are read. " +
            $"Submission stops after {cap.TotalSeconds:0} s if not done. Lists: {Samples} sequential calls each.");
        Console.WriteLine();

        var before = await MeasureAsync("before", jobs, cap, client =>
        {
            var index = client.GetGrain<ILegacyJobIndexGrain>(0);
            return new Variant(index.UpsertAsync, index.ListAsync, async owner =>
            {
                // main's quota: one listing per unfinished status.
                var total = 0;
                foreach (var status in JobIndex.Unfinished)
                {
                    total += (await index.ListAsync(status, owner, 0, 0)).Total;
                }

                return total;
            });
        });
        var after = await MeasureAsync("after", jobs, cap, client => new Variant(
            s => JobIndex.UpsertAsync(client, s),
            (status, owner, skip, take) => JobIndex.ListAsync(client, status, owner, skip, take),
            owner => JobIndex.CountUnfinishedAsync(client, owner)));

        Console.WriteLine("| measure | before (main) | after |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (label, value) in before)
        {
            Console.WriteLine($"| {label} | {value} | {after.First(a => a.Label == label).Value} |");
        }

        Console.WriteLine();
        Console.WriteLine(Stats.PeakMemoryMb());
    }

    private static async Task<List<(string Label, string Value)>> MeasureAsync(string name, int jobs, TimeSpan cap, Func<IClusterClient, Variant> create)
    {
        await using var service = await InProcessService.StartAsync();
        var index = create(service.Client);
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(1), TimeSpan.Zero);
        JobSummary Pending(int i) => new($"job-{i:D7}", "synthetic", JobStatus.Pending, start.AddMilliseconds(i * 0.5), null, 0, 0, $"owner-{i % Owners}");

        var figures = new List<(string, string)>();
        var submitted = 0;
        var upserts = 0L;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, _) =>
        {
            if (clock.Elapsed > cap)
            {
                return;
            }

            var pending = Pending(i);
            var running = pending with { Status = JobStatus.Running, Instances = 8, ItemsTotal = 8 };
            await index.Upsert(pending);
            await index.Upsert(running);
            var sent = 2;
            if (i >= Running)
            {
                await index.Upsert(running with { Status = JobStatus.Completed, CompletedAt = DateTimeOffset.UtcNow, ItemsDone = 8, Percent = 100 });
                sent++;
            }

            Interlocked.Increment(ref submitted);
            Interlocked.Add(ref upserts, sent);
        });
        var wall = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"{name}: {submitted:N0} jobs submitted in {wall:0.0} s");
        figures.Add(("jobs submitted", submitted == jobs ? $"{submitted:N0}" : $"{submitted:N0} (stopped at {cap.TotalSeconds:0} s)"));
        figures.Add(("submit throughput (jobs/s)", Stats.F(submitted / wall, "0")));
        figures.Add(("upserts/s", Stats.F(upserts / wall, "0")));

        // The first jobs stay running and report progress once a second, as a busy cluster's do.
        using var stop = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            for (var tick = 1; !stop.IsCancellationRequested; tick++)
            {
                var second = Task.Delay(1000);
                await Parallel.ForEachAsync(Enumerable.Range(0, Running), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
                    await index.Upsert(Pending(i) with { Status = JobStatus.Running, Instances = 8, ItemsTotal = 8, ItemsDone = Math.Min(tick, 7) }));
                await second;
            }
        });

        await Latency(figures, "list: first page (take 50)", async () => (await index.List(null, null, 0, 50)).Total);
        await Latency(figures, "list: running, first page", async () => (await index.List(JobStatus.Running, null, 0, 50)).Total);
        await Latency(figures, "list: page at skip 50,000", async () => (await index.List(null, null, 50_000, 50)).Items.Count);
        await Latency(figures, "list: one owner's page", async () => (await index.List(null, "owner-7", 0, 50)).Total);
        await Latency(figures, "quota: one owner's unfinished count", () => index.CountUnfinished("owner-7"));
        await stop.CancelAsync();
        await progress;
        return figures;
    }

    // p50 / p95 in ms, and what the call answered (a total or a row count), which shows whether the list is complete.
    private static async Task Latency(List<(string, string)> figures, string label, Func<Task<int>> call)
    {
        var answer = await call();
        var samples = new List<double>(Samples);
        for (var i = 0; i < Samples; i++)
        {
            var sw = Stopwatch.StartNew();
            answer = await call();
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }

        figures.Add((label + " p50 / p95 ms", $"{Stats.F(Stats.Median(samples))} / {Stats.F(Stats.Percentile(samples, 95))}"));
        figures.Add((label + " → answered", answer.ToString("N0", CultureInfo.InvariantCulture)));
    }

    private sealed record Variant(
        Func<JobSummary, Task> Upsert,
        Func<JobStatus?, string?, int, int, Task<JobPage>> List,
        Func<string?, Task<int>> CountUnfinished);
}
