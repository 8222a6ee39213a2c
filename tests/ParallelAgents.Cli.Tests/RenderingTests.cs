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
    public void Model_usage_follows_the_events_and_shows_on_the_bars_the_log_and_the_job()
    {
        var start = Job(JobStatus.Running, 0, null, Instance(0, 0, SegmentStatus.Running));
        var job = RemoteJobBackend.Apply(null, new ServerEvent("snapshot", null, System.Text.Json.JsonSerializer.Serialize(start, Engine.Reports.ReportJson.Compact)));
        Assert.Null(job!.Usage);

        var usage = new Abstractions.Models.ModelUsage(InputTokens: 1200, OutputTokens: 34, Calls: 3, Throttled: 1, Retries: 1, CacheHits: 2, CostUsd: 0.0125);
        var item = new ProgressEvent("j", 2, ProgressEventKind.ItemCompleted, DateTimeOffset.UtcNow, 0, null, JobStatus.Running,
            new ProgressSummary(25, 2, 8, 1, null, null) { Usage = usage }, Instance(0, 2, SegmentStatus.Running) with { Usage = usage }, null);
        job = RemoteJobBackend.Apply(job, new ServerEvent("itemCompleted", "2", System.Text.Json.JsonSerializer.Serialize(item, Engine.Reports.ReportJson.Compact)));
        var reached = new ProgressEvent("j", 3, ProgressEventKind.BudgetReached, DateTimeOffset.UtcNow, null, "not run: budget of 1000 tokens reached (1234 used)", JobStatus.Running,
            job!.Progress, null, null);
        job = RemoteJobBackend.Apply(job, new ServerEvent("budgetReached", "3", System.Text.Json.JsonSerializer.Serialize(reached, Engine.Reports.ReportJson.Compact)));

        Assert.Equal(usage, job!.Usage);
        Assert.Equal(usage, job.Instances[0].Usage);
        Assert.Equal("not run: budget of 1000 tokens reached (1234 used)", job.BudgetStop);
        Assert.EndsWith("1,234 tokens, 3 call(s)", Plain(ProgressView.Describe(job.Instances[0], false)), StringComparison.Ordinal);

        using var log = new TestConsole().Width(200);
        new ProgressLog(log).Update(job);
        Assert.Contains(log.Lines, l => l.Trim() == "overall 2/8 items (25 %) · ETA 1.0 s · 1,234 tokens, 3 call(s)");

        using var show = new TestConsole().Width(250);
        foreach (var part in JobTables.Show(job))
        {
            show.Write(part);
        }

        Assert.Contains("model usage 1,200 input + 34 output tokens (0 cached), 3 call(s), 2 cache hit(s), 1 429(s), 1 retr(ies), about 0.0125 USD", show.Output, StringComparison.Ordinal);
        Assert.Contains("budget reached: not run: budget of 1000 tokens reached (1234 used)", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_stops_before_the_findings()
    {
        Assert.Equal("# r\n\n## Summary\n\nx", MarkdownSummary.Extract("# r\r\n\r\n## Summary\r\n\r\nx\r\n\r\n## Findings\r\n\r\n| a |\r\n"));
    }

    private static string Plain(string markup)
    {
        using var console = new TestConsole().Width(250);
        Spectre.Console.AnsiConsoleExtensions.Markup(console, markup);
        return console.Output.Trim();
    }

    private static InstanceSnapshot Instance(int index, int done, SegmentStatus state, string? error = null) =>
        new(index, $"key-{index}", state, done, 4, 1, "S10.0.0.4:11111:154865395", done * 10, 3, error);

    private static JobSnapshot Job(JobStatus status, double percent, int? bottleneck, params InstanceSnapshot[] instances) =>
        new("j", "synthetic", status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, instances,
            new ProgressSummary(percent, instances.Sum(i => i.ItemsDone), 8, 3, bottleneck is { } b ? $"key-{b}" : null, bottleneck),
            JobMetrics.Empty, null, false, null);
}
