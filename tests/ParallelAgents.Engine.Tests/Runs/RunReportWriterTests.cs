using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;

namespace ParallelAgents.Engine.Tests.Runs;

public sealed class RunReportWriterTests
{
    private static readonly JobReport[] Reports = [Report("r-0", "docs", "DOC001"), Report("r-1", "prime", "PRM001")];

    [Fact]
    public void The_json_report_has_one_section_per_command_each_the_jobs_own_report()
    {
        var (text, contentType) = RunReportWriter.Render(Snapshot(), Reports, ReportFormat.Json);

        var node = JsonNode.Parse(text)!;
        Assert.Equal("application/json", contentType);
        Assert.Equal("r", (string?)node["runId"]);
        Assert.Equal("completed", (string?)node["status"]);
        var sections = node["sections"]!.AsArray();
        Assert.Equal(["docs", "prime"], sections.Select(s => (string?)s!["command"]));
        Assert.Equal(["DOC001", "PRM001"], sections.Select(s => (string?)s!["findings"]![0]!["ruleId"]));
        Assert.Equal(JsonNode.Parse(JsonReportWriter.Write(Reports[0]))!.ToJsonString(), sections[0]!.ToJsonString());
    }

    [Fact]
    public void The_sarif_log_has_exactly_one_run_per_command()
    {
        var (text, contentType) = RunReportWriter.Render(Snapshot(), Reports, ReportFormat.Sarif);

        var log = JsonNode.Parse(text)!;
        Assert.Equal("application/sarif+json", contentType);
        Assert.Equal("2.1.0", (string?)log["version"]);
        var runs = log["runs"]!.AsArray();
        Assert.Equal(["docs", "prime"], runs.Select(r => (string?)r!["properties"]!["command"]));
        Assert.Equal(["DOC001", "PRM001"], runs.Select(r => (string?)r!["results"]![0]!["ruleId"]));
    }

    [Fact]
    public void The_markdown_report_has_one_section_per_command_under_the_runs_only_title()
    {
        var (text, _) = RunReportWriter.Render(Snapshot(), Reports, ReportFormat.Markdown);

        Assert.Single(Regex.Matches(text, "^# ", RegexOptions.Multiline));
        Assert.Matches(new Regex("^## docs report$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^## prime report$", RegexOptions.Multiline), text);
        Assert.Contains("| docs | `r-0` | Completed |", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("## docs report", StringComparison.Ordinal) < text.IndexOf("## prime report", StringComparison.Ordinal));
    }

    [Fact]
    public void Headings_inside_code_blocks_are_not_demoted() =>
        Assert.Equal("## a\n```\n# kept\n```\n### b", RunReportWriter.Demote("# a\n```\n# kept\n```\n## b"));

    [Fact]
    public void Secrets_in_a_jobs_findings_are_masked_in_every_format()
    {
        var secret = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
        JobReport[] reports = [Report("r-0", "docs", "DOC001", $"token {secret} found")];
        var run = RunProjection.Snapshot(RunProjectionTests.Record("docs"), [Job("r-0")]);

        foreach (var format in new[] { ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Sarif })
        {
            Assert.DoesNotContain(secret, RunReportWriter.Render(run, reports, format).Text, StringComparison.Ordinal);
        }
    }

    private static RunSnapshot Snapshot() => RunProjection.Snapshot(RunProjectionTests.Record("docs", "prime"), [Job("r-0"), Job("r-1")]);

    private static JobSnapshot Job(string id) => new(
        id, "x", JobStatus.Completed, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, [], new ProgressSummary(100, 1, 1, null, null, null), JobMetrics.Empty, null, false, "owner");

    private static JobReport Report(string jobId, string command, string rule, string message = "something") => new(
        ReportBuilder.SchemaVersion, jobId, command, "role", JobStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        new ReportSummary(1, new Dictionary<string, int>(), new Dictionary<string, int>(), 1, 1, 0, new Dictionary<string, IReadOnlyDictionary<string, int>>()),
        [new Finding(rule, Severity.Medium, message, "src/a.cs", 3, "fp-" + rule)], [new RuleDescriptor(rule, rule, "A rule.", Severity.Medium)], [], JobMetrics.Empty, [], [], null, null, false);
}
