namespace ParallelAgents.Benchmarks.Engine;

/// <summary>B3 in the durable mode: concurrent 8-segment jobs over HTTP on one Azurite, with the storage requests they cost.</summary>
public sealed class DurableThroughputBenchmark : IBenchmarkScenario
{
    private const int SegmentsPerJob = 8;

    public string Name => "b3-durable";

    public string Description => "durable throughput: 200 concurrent 8-segment jobs over HTTP on one Azurite; jobs/s, p50/p95, refusals, storage requests per job and segment (args: jobs rounds)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        await using var durable = await DurableService.StartAsync();
        using var load = new ThroughputLoad(durable.Service.BaseAddress) { CountFailures = true };

        // One full round first: the new process's code tiers up, the containers and tables exist, the queues are polled.
        await load.RoundAsync(jobs);
        var idle = await durable.IdleRateAsync(TimeSpan.FromSeconds(10));

        Console.WriteLine("| round | jobs | wall (s) | jobs/s | p50 (ms) | p95 (ms) | streams without jobCompleted | refused (503) | failed (other 5xx) | storage requests per job | per segment |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rates = new List<double>();
        var p95s = new List<double>();
        var requests = new List<StorageRequests>();
        var refused = 0;
        var failed = 0;
        for (var r = 1; r <= rounds; r++)
        {
            var (round, sent) = await durable.MeasureAsync(() => load.RoundAsync(jobs), idle, TimeSpan.FromSeconds(2));
            rates.Add(round.JobsPerSecond);
            p95s.Add(Stats.Percentile(round.Latencies, 95));
            requests.Add(sent);
            refused += round.Refused;
            failed += round.Failed;
            var accepted = Math.Max(1, jobs - round.Refused - round.Failed);
            Console.WriteLine($"| {r} | {jobs} | {Stats.F(round.WallSeconds, "0.000")} | {Stats.F(round.JobsPerSecond, "0.0")} | {Stats.F(Stats.Median(round.Latencies), "0")} | {Stats.F(Stats.Percentile(round.Latencies, 95), "0")} | {round.Unfinished} | {round.Refused} | {round.Failed} | {Stats.F(sent.Total / accepted, "0.0")} | {Stats.F(sent.Total / accepted / SegmentsPerJob)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"**Median {Stats.F(Stats.Median(rates), "0.0")} jobs/s**, median p95 {Stats.F(Stats.Median(p95s), "0")} ms, {refused} refused and {failed} failed in {rounds} rounds (targets: ≥ 30 jobs/s, p95 ≤ 10 s, ≤ 3 requests per segment, 0 refused). Requests are net of the idle service's {Stats.F(idle.Total, "0.0")} per second.");
        Console.WriteLine();
        StorageRequests.Sum(requests).PrintTable(Math.Max(1, (jobs * rounds) - refused - failed), SegmentsPerJob, idle);
    }
}
