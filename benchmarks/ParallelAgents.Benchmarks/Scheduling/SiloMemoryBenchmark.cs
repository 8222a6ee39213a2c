using System.Diagnostics;
using System.Globalization;
using ParallelAgents.Abstractions;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Benchmarks.Prime;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Benchmarks.Scheduling;

/// <summary>
/// One silo's memory under N concurrent <c>prime</c> jobs on PrimeBenchmark's generated tree: working set, GC heap and
/// committed memory sampled every 100 ms while every job is in flight, against the same figures after one warm-up job.
/// Args: [jobs=50] [files=20000] [off: admission off].
/// </summary>
public sealed class SiloMemoryBenchmark : IBenchmarkScenario
{
    private const double MiB = 1048576.0;

    public string Name => "sched-memory";

    public string Description => "one silo's peak working set / GC heap under 50 concurrent prime jobs on a 20,000-file tree";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var admission = !(args.Length > 2 && args[2] == "off");
        var root = Path.Combine(Path.GetTempPath(), "prime-bench-" + files.ToString(CultureInfo.InvariantCulture));
        var lines = PrimeBenchmark.Generate(root, files);
        var load = SkewedPackingBenchmark.LoadAverage();
        await using var service = await InProcessService.StartAsync(new Dictionary<string, string?>
        {
            ["Workspaces:AllowedRoots:0"] = root,
            ["Scheduling:Enabled"] = admission ? "true" : "false",
        });
        var workspace = new WorkspaceRef(root, null);

        // One warm-up job: code jitted, the file cache warm; then the baseline the load is compared with.
        var warm = await RunAsync(service, workspace);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Sample.Take();

        using var sampler = new AllocationSampler();
        using var stop = new CancellationTokenSource();
        var samples = new List<Sample>();
        var queued = new List<int>();
        var sampling = Task.Run(async () =>
        {
            var ticks = 0;
            while (!stop.IsCancellationRequested)
            {
                samples.Add(Sample.Take());
                if (admission && ticks++ % 5 == 0)
                {
                    queued.Add((await service.Client.GetGrain<IAdmissionGrain>(0).GetViewAsync()).QueuedSegments);
                }

                await Task.Delay(100);
            }
        });
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => RunAsync(service, workspace)));
        var wallS = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampling;
        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var after = Sample.Take();

        var latencies = results.Select(LearnedPoolBenchmark.Latency).ToArray();
        var completed = results.Count(r => r.Status == JobStatus.Completed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{jobs} concurrent `prime` jobs (default options; instances per job: warm-up {warm.Metrics.Instances}, then {string.Join("/", results.Select(r => r.Metrics.Instances).Distinct().Order())}; {warm.Progress.ItemsTotal:N0} items) on a generated tree of {files:N0} files / {lines:N0} lines; one silo in this process, {Environment.ProcessorCount} cores, admission {(admission ? "on" : "off")}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average before: {load}, after: {SkewedPackingBenchmark.LoadAverage()}."));
        Console.WriteLine();
        Console.WriteLine("| figure | after one warm-up job (after a full GC) | peak while the jobs ran (100 ms samples) | after the jobs (after a full GC) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| working set (MiB) | {Mb(baseline.WorkingSet)} | {Mb(samples.Max(s => s.WorkingSet))} (OS peak {Mb(peakWorkingSet)}) | {Mb(after.WorkingSet)} |");
        Console.WriteLine($"| GC heap, live + garbage (MiB) | {Mb(baseline.Heap)} | {Mb(samples.Max(s => s.Heap))} | {Mb(after.Heap)} |");
        Console.WriteLine($"| GC heap after the last GC (MiB) | {Mb(baseline.HeapAfterGc)} | {Mb(samples.Max(s => s.HeapAfterGc))} | {Mb(after.HeapAfterGc)} |");
        Console.WriteLine($"| GC committed (MiB) | {Mb(baseline.Committed)} | {Mb(samples.Max(s => s.Committed))} | {Mb(after.Committed)} |");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{completed} of {jobs} completed in {wallS:F1} s; job latency (submit → end) median {Stats.Median(latencies) / 1000:F1} s, max {latencies.Max() / 1000:F1} s; warm-up job alone {LearnedPoolBenchmark.Latency(warm) / 1000:F2} s. {samples.Count} samples."));
        if (queued.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Segments waiting for a slot: median {Stats.Median(queued.Select(q => (double)q)):0}, max {queued.Max()}."));
        }

        Console.WriteLine($"Allocated most while the jobs ran (sampled): {sampler.Top(5)}.");
    }

    private static async Task<JobSnapshot> RunAsync(InProcessService service, WorkspaceRef workspace)
    {
        var job = service.Client.GetGrain<ICommandGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobSpec(ParallelAgents.Commands.Prime.PrimeCommand.Name, workspace, "{}", null, DateTimeOffset.UtcNow));
        return await LearnedPoolBenchmark.WaitAsync(job, TimeSpan.FromMinutes(20));
    }

    private static string Mb(long bytes) => Stats.F(bytes / MiB, "0");

    private sealed record Sample(long WorkingSet, long Heap, long HeapAfterGc, long Committed)
    {
        public static Sample Take()
        {
            using var process = Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return new Sample(process.WorkingSet64, GC.GetTotalMemory(false), info.HeapSizeBytes, info.TotalCommittedBytes);
        }
    }
}
