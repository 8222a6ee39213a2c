namespace ParallelAgents.Commands.Test.Results;

/// <summary>What a runner's machine-readable output said.</summary>
/// <param name="Cases">Every test result.</param>
/// <param name="Problem">Why the output could not be read (missing, malformed), when it could not.</param>
public sealed record ParsedRun(IReadOnlyList<TestCaseResult> Cases, string? Problem = null)
{
    /// <summary>Output that could not be read.</summary>
    public static ParsedRun Unreadable(string problem) => new([], problem);

    /// <summary>Count of one outcome.</summary>
    public int Count(TestOutcome outcome) => Cases.Count(c => c.Outcome == outcome);
}
