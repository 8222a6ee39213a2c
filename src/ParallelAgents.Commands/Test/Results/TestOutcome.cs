namespace ParallelAgents.Commands.Test.Results;

/// <summary>How one test ended, in the runners' common terms.</summary>
public enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
    Errored,
}
