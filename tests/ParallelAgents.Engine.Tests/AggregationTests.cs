using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;

namespace ParallelAgents.Engine.Tests;

public sealed class AggregationTests
{
    [Fact]
    public void Same_problem_at_same_place_has_the_same_fingerprint()
    {
        var a = new Finding("R1", Severity.Low, "Missing  name.", "a.md", 3);
        var b = new Finding("R1", Severity.High, "Missing name.", "a.md", 3);
        Assert.Equal(FindingFingerprint.Compute(a), FindingFingerprint.Compute(b));
        Assert.NotEqual(FindingFingerprint.Compute(a), FindingFingerprint.Compute(a with { Line = 4 }));
        Assert.NotEqual(FindingFingerprint.Compute(a), FindingFingerprint.Compute(a with { RuleId = "R2" }));
    }

    [Fact]
    public void Merge_dedupes_keeps_the_most_severe_and_orders_by_severity()
    {
        var findings = new[]
        {
            new Finding("R1", Severity.Low, "x", "a.md", 1),
            new Finding("R1", Severity.High, "x", "a.md", 1),
            new Finding("R2", Severity.Medium, "y", "b.md", 2),
            new Finding("R3", Severity.Critical, "z", "c.md", 1, Fingerprint: "custom"),
            new Finding("R3", Severity.Critical, "z again", "c.md", 9, Fingerprint: "custom"),
        };
        var (merged, removed) = FindingMerger.Merge(findings);
        Assert.Equal(2, removed);
        Assert.Equal([Severity.Critical, Severity.High, Severity.Medium], merged.Select(f => f.Severity));
        Assert.All(merged, f => Assert.False(string.IsNullOrEmpty(f.Fingerprint)));
    }
}

public sealed class ReportBuilderTests
{
    [Fact]
    public void Findings_made_in_aggregation_count_for_the_segment_of_their_file()
    {
        var snapshot = new JobSnapshot("j", "demo", JobStatus.Completed, DateTimeOffset.UnixEpoch, null, null, [], new ProgressSummary(100, 2, 2, 0, null, null), JobMetrics.Empty, null, false, null);
        var results = new List<(string, ItemResult)>
        {
            ("quality", new ItemResult("agents/a.md", [new Finding("R1", Severity.Low, "x", "agents/a.md", 1)], null, 1, null)),
            ("security", new ItemResult("agents/b.md", [], null, 1, null)),
        };
        var section = new ParallelAgents.Engine.Commands.ReportSection(
            [new Finding("R1", Severity.Low, "x", "agents/a.md", 1), new Finding("CROSS", Severity.High, "duplicate name", "agents/b.md", 2)], []);
        var segments = new[]
        {
            new SegmentReport(0, "quality", SegmentStatus.Completed, 1, 0, 1, [], 0, 1, []),
            new SegmentReport(1, "security", SegmentStatus.Completed, 1, 0, 1, [], 0, 1, []),
        };
        var report = ReportBuilder.Build(snapshot, "role", section, segments, results, []);
        Assert.Equal(1, report.Summary.BySegment["quality"]);
        Assert.Equal(1, report.Summary.BySegment["security"]);
        Assert.Equal(1, report.Summary.BySegmentSeverity["security"]["high"]);
    }
}
