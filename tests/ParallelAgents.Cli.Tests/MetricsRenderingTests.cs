using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Rendering;
using Spectre.Console.Testing;

namespace ParallelAgents.Cli.Tests;

/// <summary>A figure that does not apply (no instances, not started) reads "–", never "0×" or "0 %".</summary>
public sealed class MetricsRenderingTests
{
    [Fact]
    public void The_run_summary_of_a_job_without_instances_shows_dashes()
    {
        Assert.Equal(
            "0 instance(s), speedup –, utilization –, efficiency –, spawn –, aggregation –",
            JobTables.MetricsLine(JobMetrics.Empty));
    }

    [Fact]
    public void The_run_summary_of_a_pooled_job_shows_its_figures()
    {
        var metrics = new JobMetrics(WallMs: 2000, BusyMs: 5000, Speedup: 2.5, DistributionEfficiency: 0.8, Utilization: 0.6, SpawnMs: 12, AggregationMs: 4, Instances: 4);
        Assert.Equal(
            "4 instance(s), speedup 2.50×, utilization 60 %, efficiency 80 %, spawn 12 ms, aggregation 4 ms",
            JobTables.MetricsLine(metrics));
    }

    [Fact]
    public void Jobs_show_of_a_job_that_has_not_run_shows_dashes_for_its_pool_figures()
    {
        using var console = new TestConsole().Width(120);
        console.Write(JobTables.Metrics(JobMetrics.Empty));

        var rows = console.Lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        foreach (var name in new[] { "speedup", "distribution efficiency", "utilization", "spawn time", "aggregation overhead", "wall time" })
        {
            var row = Assert.Single(rows, r => r.StartsWith(name, StringComparison.Ordinal));
            Assert.EndsWith("–", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_job_list_shows_a_dash_for_the_speedup_of_a_job_without_instances()
    {
        var page = new JobPage([Summary(instances: 0, speedup: 0), Summary(instances: 3, speedup: 2.4)], 2, 0, 50);
        using var console = new TestConsole().Width(200);
        console.Write(JobTables.List(page));

        var rows = console.Lines.Where(l => l.Contains("synthetic", StringComparison.Ordinal)).ToArray();
        Assert.EndsWith("–", rows[0].TrimEnd(' ', '│'), StringComparison.Ordinal);
        Assert.EndsWith("2.40×", rows[1].TrimEnd(' ', '│'), StringComparison.Ordinal);
    }

    private static JobSummary Summary(int instances, double speedup) =>
        new("j" + instances, "synthetic", JobStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, instances, speedup, null);
}
