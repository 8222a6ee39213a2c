using System.Text.RegularExpressions;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Engine.Tests.Reports;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void A_report_without_instances_shows_a_dash_for_every_pool_figure_instead_of_zero()
    {
        var markdown = MarkdownReportWriter.Write(Report(JobMetrics.Empty, []));

        var line = Assert.Single(markdown.Split('\n'), l => l.StartsWith("0 instance(s)", StringComparison.Ordinal));
        Assert.Equal("0 instance(s) · wall – · busy – · speedup **–** · utilization – · distribution efficiency – · spawn – · aggregation –", line.TrimEnd());
        Assert.DoesNotContain("0×", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_with_instances_shows_the_measured_figures()
    {
        var metrics = new JobMetrics(WallMs: 2000, BusyMs: 5000, Speedup: 2.5, DistributionEfficiency: 0.8, Utilization: 0.6, SpawnMs: 12.3, AggregationMs: 4.5, Instances: 4);

        var markdown = MarkdownReportWriter.Write(Report(metrics, []));

        var line = Assert.Single(markdown.Split('\n'), l => l.StartsWith("4 instance(s)", StringComparison.Ordinal));
        Assert.Equal("4 instance(s) · wall 2 s · busy 5 s · speedup **2.5×** · utilization 60 % · distribution efficiency 80 % · spawn 12.3 ms · aggregation 4.5 ms", line.TrimEnd());
    }

    [Fact]
    public void A_note_stated_by_more_than_one_step_is_printed_once()
    {
        var markdown = MarkdownReportWriter.Write(Report(JobMetrics.Empty, ["The command is disabled.", "Other note.", "The command is disabled."]));

        Assert.Single(Regex.Matches(markdown, "^> The command is disabled\\.$", RegexOptions.Multiline));
        Assert.Single(Regex.Matches(markdown, "^> Other note\\.$", RegexOptions.Multiline));
    }

    [Fact]
    public void The_report_keeps_one_copy_of_a_note_given_by_the_engine_and_by_the_command()
    {
        var snapshot = new JobSnapshot("j", "demo", JobStatus.Completed, DateTimeOffset.UnixEpoch, null, null, [], new ProgressSummary(100, 0, 0, null, null, null), JobMetrics.Empty, null, false, null);
        var section = new ReportSection([], [], Notes: ["Nothing was run.", "Second."]);

        var report = ReportBuilder.Build(snapshot, "role", section, [], [], ["Nothing was run."]);

        Assert.Equal(["Nothing was run.", "Second."], report.Notes);
    }

    private static JobReport Report(JobMetrics metrics, IReadOnlyList<string> notes) => new(
        ReportBuilder.SchemaVersion, "j", "demo", "role", JobStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        new ReportSummary(0, new Dictionary<string, int>(), new Dictionary<string, int>(), 0, 0, 0, new Dictionary<string, IReadOnlyDictionary<string, int>>()),
        [], [], [], metrics, [], notes, null, null, false);
}
