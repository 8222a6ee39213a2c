using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Engine.Tests.Reports;

public sealed class SarifReportWriterTests
{
    [Fact]
    public void A_finding_about_a_whole_file_points_at_its_first_line_and_one_with_a_line_at_that_line()
    {
        var report = new JobReport(
            ReportBuilder.SchemaVersion, "j", "docs", "role", JobStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            new ReportSummary(2, new Dictionary<string, int>(), new Dictionary<string, int>(), 2, 2, 0, new Dictionary<string, IReadOnlyDictionary<string, int>>()),
            [new Finding("R1", Severity.Low, "whole file", "README.md", null, "a"), new Finding("R1", Severity.Low, "one line", "README.md", 7, "b")],
            [], [], JobMetrics.Empty, [], [], null, null, false);

        var results = JsonNode.Parse(SarifReportWriter.Write(report))!["runs"]![0]!["results"]!.AsArray();

        Assert.Equal([1, 7], results.Select(r => r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()));
    }
}
