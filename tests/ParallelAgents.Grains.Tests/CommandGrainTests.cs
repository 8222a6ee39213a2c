using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Synthetic;

namespace ParallelAgents.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CommandGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Segments_of_one_job_land_on_more_than_one_silo()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":24,"latencyMs":30,"maxInstances":12,"itemsPerInstance":2}""");
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(12, snapshot.Instances.Count);
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        var silos = report.Segments.SelectMany(s => s.Silos).Distinct().Count();
        Assert.Equal(3, silos);
        Assert.True(silos > 1, $"all segments ran on one silo: {string.Join(",", report.Segments.SelectMany(s => s.Silos))}");
        Assert.Equal(24, report.Findings.Count);
    }

    [Fact]
    public async Task Every_item_result_arrives_exactly_once()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":50,"maxInstances":8,"itemsPerInstance":1}""");
        await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        var items = report.Findings.Select(f => f.Properties!["itemId"]).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 50).Select(SyntheticCommand.ItemId).ToArray(), items);
        Assert.Equal(0, report.Summary.DuplicatesRemoved);
    }

    [Fact]
    public async Task A_failing_segment_does_not_fail_its_siblings()
    {
        var id = await Jobs.SubmitAsync(Grains, "flaky", """{"good":4,"bad":1}""");
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.CompletedWithErrors, snapshot.Status);
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        var bad = Assert.Single(report.Segments, s => s.Key == "bad");
        Assert.Equal(SegmentStatus.Failed, bad.Status);
        Assert.Equal(3, bad.Attempts);
        Assert.Contains(bad.Failures, f => f.Contains("cannot reach its service", StringComparison.Ordinal));
        Assert.All(report.Segments.Where(s => s.Key != "bad"), s => Assert.Equal(SegmentStatus.Completed, s.Status));
        Assert.Equal(4, report.Findings.Count);
    }

    [Fact]
    public async Task Failing_items_are_reported_as_errors_and_the_rest_complete()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":30,"failureRate":0.2,"seed":11,"maxInstances":6}""");
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.CompletedWithErrors, snapshot.Status);
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.NotEmpty(report.Errors);
        Assert.Equal(30, report.Errors.Count + report.Findings.Count);
        Assert.All(report.Segments, s => Assert.Equal(SegmentStatus.Completed, s.Status));
    }

    [Fact]
    public async Task Cancellation_stops_running_segments_and_ends_the_job_cancelled()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":80,"latencyMs":250,"maxInstances":8}""");
        await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30), s => s.Progress.ItemsDone >= 8);
        await Grains.GetGrain<ICommandGrain>(id).CancelAsync();
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30));
        Assert.Equal(JobStatus.Cancelled, snapshot.Status);
        Assert.True(snapshot.Progress.ItemsDone < 80);
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.Equal(JobStatus.Cancelled, report.Status);
        Assert.Equal(snapshot.Progress.ItemsDone, report.Findings.Count);
        Assert.Contains(report.Segments, s => s.Status == SegmentStatus.Cancelled);
    }

    [Fact]
    public async Task Snapshot_has_one_entry_per_instance_with_progress_eta_and_bottleneck()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":16,"latencyMs":150,"maxInstances":4,"jitter":0.5,"seed":2}""");
        var running = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30), s => s.Progress.ItemsDone >= 4 && !s.Status.IsTerminal());
        Assert.Equal(4, running.Instances.Count);
        Assert.All(running.Instances, i => Assert.Equal(4, i.ItemsTotal));
        Assert.True(running.Progress.Percent is > 0 and < 100);
        Assert.NotNull(running.Progress.EtaSeconds);
        Assert.NotNull(running.Progress.Bottleneck);
        var done = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30));
        Assert.Equal(100, done.Progress.Percent);
        Assert.True(done.Metrics.Speedup > 0 && done.Metrics.BusyMs > 0);
        Assert.All(done.Instances, i => Assert.NotNull(i.Silo));
    }

    [Fact]
    public async Task Cancellation_reaches_items_that_are_already_running()
    {
        // Each item would wait a minute: the job can only end within the wait below if cancellation stops them.
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":8,"latencyMs":60000,"maxInstances":4,"itemsPerInstance":1}""");
        await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30), s => s.Instances.Count == 4 && s.Instances.All(i => i.State == SegmentStatus.Running));
        await Grains.GetGrain<ICommandGrain>(id).CancelAsync();
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(20));
        Assert.Equal(JobStatus.Cancelled, snapshot.Status);
        Assert.All(snapshot.Instances, i => Assert.Equal(SegmentStatus.Cancelled, i.State));
    }

    [Fact]
    public async Task A_job_over_the_work_item_limit_ends_failed_with_the_reason()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":1001}""");
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(30));
        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.Contains("Engine:MaxWorkItemsPerJob", snapshot.Error, StringComparison.Ordinal);
        var report = (await Grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.Contains(report.Notes, n => n.Contains("at most 1000", StringComparison.Ordinal));
    }
}
