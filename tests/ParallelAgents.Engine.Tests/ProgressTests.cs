using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Metrics;

namespace ParallelAgents.Engine.Tests;

public sealed class ProgressTests
{
    private static SegmentTiming Seg(int index, int done, int total, double busy, SegmentStatus state = SegmentStatus.Running) =>
        new(index, $"s{index}", state, done, total, busy, DateTimeOffset.UnixEpoch, total);

    [Fact]
    public void Eta_comes_from_each_segment_observed_rate_and_the_bottleneck_has_the_most_left()
    {
        var segments = new[] { Seg(0, 5, 10, 500), Seg(1, 2, 10, 1000), Seg(2, 10, 10, 800, SegmentStatus.Completed) };
        var etas = ProgressEstimator.SegmentEtas(segments);
        Assert.Equal(0.5, etas[0]!.Value, 3);
        Assert.Equal(4.0, etas[1]!.Value, 3);
        Assert.Equal(0, etas[2]);
        var summary = ProgressEstimator.Summarize(segments, terminal: false);
        Assert.Equal(56.67, summary.Percent);
        Assert.Equal(4.0, summary.EtaSeconds!.Value, 3);
        Assert.Equal("s1", summary.Bottleneck);
        Assert.Equal(1, summary.BottleneckIndex);
    }

    [Fact]
    public void A_segment_without_progress_borrows_the_job_average()
    {
        var etas = ProgressEstimator.SegmentEtas([Seg(0, 4, 8, 400), Seg(1, 0, 10, 0)]);
        Assert.Equal(1.0, etas[1]!.Value, 3);
    }

    [Fact]
    public void No_rate_anywhere_means_no_eta_yet()
    {
        var summary = ProgressEstimator.Summarize([Seg(0, 0, 5, 0), Seg(1, 0, 5, 0)], terminal: false);
        Assert.Null(summary.EtaSeconds);
        Assert.Equal(0, summary.Percent);
    }

    [Fact]
    public void Metrics_speedup_is_busy_over_wall()
    {
        var start = DateTimeOffset.UnixEpoch;
        var segments = new[] { Seg(0, 5, 5, 1000) with { FirstStartedAt = start.AddMilliseconds(5) }, Seg(1, 5, 5, 1000) with { FirstStartedAt = start.AddMilliseconds(20) } };
        var metrics = MetricsCalculator.Compute(segments, start, start.AddMilliseconds(1000), 3);
        Assert.Equal(2.0, metrics.Speedup, 3);
        Assert.Equal(1.0, metrics.Utilization, 3);
        Assert.Equal(20, metrics.SpawnMs, 3);
        Assert.Equal(1.0, metrics.DistributionEfficiency, 3);
        Assert.Equal(3, metrics.AggregationMs);
        Assert.Equal(2, metrics.Instances);
    }
}
