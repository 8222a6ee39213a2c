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
