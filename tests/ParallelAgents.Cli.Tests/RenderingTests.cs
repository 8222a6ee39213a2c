using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Jobs;
using ParallelAgents.Cli.Remote;
using ParallelAgents.Cli.Rendering;
using Spectre.Console.Testing;

namespace ParallelAgents.Cli.Tests;

public sealed class RenderingTests
{
    [Fact]
    public void The_line_log_writes_state_changes_the_bottleneck_and_quarters_once()
    {
        using var console = new TestConsole().Width(200);
        var log = new ProgressLog(console);
        log.Update(Job(JobStatus.Running, 10, 0, Instance(0, 0, SegmentStatus.Running), Instance(1, 0, SegmentStatus.Running)));
        log.Update(Job(JobStatus.Running, 50, 1, Instance(0, 2, SegmentStatus.Running), Instance(1, 1, SegmentStatus.Retrying, "timeout")));
        log.Update(Job(JobStatus.Running, 55, 1, Instance(0, 2, SegmentStatus.Running), Instance(1, 1, SegmentStatus.Retrying, "timeout")));
        log.Update(Job(JobStatus.Completed, 100, null, Instance(0, 4, SegmentStatus.Completed), Instance(1, 4, SegmentStatus.Completed)));

        var lines = console.Lines.Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
        Assert.Equal(
            [
                "#0 key-0 0/4 running attempt 1 10.0.0.4:11111 bottleneck",
                "#1 key-1 0/4 running attempt 1 10.0.0.4:11111",
                "overall 0/8 items (10 %) · ETA 3.0 s",
                "#1 key-1 1/4 retrying attempt 1 10.0.0.4:11111 bottleneck timeout",
                "overall 3/8 items (50 %) · ETA 3.0 s",
                "#0 key-0 4/4 done attempt 1 10.0.0.4:11111",
                "#1 key-1 4/4 done attempt 1 10.0.0.4:11111",
                "overall 8/8 items (100 %) · completed",
            ],
            lines);
    }

    [Fact]
    public void Instance_events_replace_their_instance_and_snapshots_replace_the_job()
    {
        var start = Job(JobStatus.Running, 0, null, Instance(0, 0, SegmentStatus.Running), Instance(1, 0, SegmentStatus.Running));
        var json = System.Text.Json.JsonSerializer.Serialize(start, Engine.Reports.ReportJson.Compact);
        var job = RemoteJobBackend.Apply(null, new ServerEvent("snapshot", null, json));
        Assert.Equal(2, job!.Instances.Count);

        var progress = new ProgressEvent("j", 3, ProgressEventKind.ItemCompleted, DateTimeOffset.UtcNow, 1, null, JobStatus.Running,
            new ProgressSummary(25, 2, 8, 1, "key-1", 1), Instance(1, 2, SegmentStatus.Running), null);
        job = RemoteJobBackend.Apply(job, new ServerEvent("itemCompleted", "3", System.Text.Json.JsonSerializer.Serialize(progress, Engine.Reports.ReportJson.Compact)));
        Assert.Equal(2, job!.Instances[1].ItemsDone);
        Assert.Equal(0, job.Instances[0].ItemsDone);
        Assert.Equal(2, job.Progress.ItemsDone);

        // A replayed event older than what is known (the plan, before anything ran) changes nothing.
        var planned = new ProgressEvent("j", 1, ProgressEventKind.Planned, DateTimeOffset.UtcNow, null, null, JobStatus.Running,
            new ProgressSummary(0, 0, 8, null, null, null), null,
            Job(JobStatus.Running, 0, null, Instance(0, 0, SegmentStatus.Pending), Instance(1, 0, SegmentStatus.Pending)));
        var replayed = RemoteJobBackend.Apply(job, new ServerEvent("planned", "1", System.Text.Json.JsonSerializer.Serialize(planned, Engine.Reports.ReportJson.Compact)));
        Assert.Equal(2, replayed!.Instances[1].ItemsDone);
        Assert.Equal(SegmentStatus.Running, replayed.Instances[0].State);
        Assert.Equal(2, replayed.Progress.ItemsDone);

        var unchanged = RemoteJobBackend.Apply(job, new ServerEvent("somethingNew", null, "not json"));
        Assert.Same(job, unchanged);
    }

    [Fact]
    public void The_summary_stops_before_the_findings()
    {
        Assert.Equal("# r\n\n## Summary\n\nx", MarkdownSummary.Extract("# r\r\n\r\n## Summary\r\n\r\nx\r\n\r\n## Findings\r\n\r\n| a |\r\n"));
    }

    private static InstanceSnapshot Instance(int index, int done, SegmentStatus state, string? error = null) =>
        new(index, $"key-{index}", state, done, 4, 1, "S10.0.0.4:11111:154865395", done * 10, 3, error);

    private static JobSnapshot Job(JobStatus status, double percent, int? bottleneck, params InstanceSnapshot[] instances) =>
        new("j", "synthetic", status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, instances,
            new ProgressSummary(percent, instances.Sum(i => i.ItemsDone), 8, 3, bottleneck is { } b ? $"key-{b}" : null, bottleneck),
            JobMetrics.Empty, null, false, null);
}
