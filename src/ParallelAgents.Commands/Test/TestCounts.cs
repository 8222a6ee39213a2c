namespace ParallelAgents.Commands.Test;

/// <summary>Summed counts for a type, a suite or the whole job.</summary>
public sealed record TestCounts(string Name, int Runs, int Passed, int Failed, int Skipped, int Errored, int Flaky, int TimedOut, double RunMs, double TestsMs)
{
    /// <summary>Tests counted.</summary>
    public int Total => Passed + Failed + Skipped + Errored;
}
