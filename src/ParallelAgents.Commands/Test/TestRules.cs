using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Test;

/// <summary>The test command's rule ids.</summary>
public static class TestRules
{
    public const string Failed = "TEST001";
    public const string Errored = "TEST002";
    public const string Flaky = "TEST003";
    public const string TimedOut = "TEST004";
    public const string RunnerUnavailable = "TEST005";
    public const string NoResults = "TEST006";
    public const string Disabled = "TEST007";

    /// <summary>Every rule, for SARIF and the rule table.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(Failed, "TestFailed", "A test failed: an assertion did not hold.", Severity.High),
        new(Errored, "TestErrored", "A test could not run to an outcome: setup, fixture or build error.", Severity.High),
        new(Flaky, "TestFlaky", "A test failed and then passed when run again: its outcome is not deterministic.", Severity.Low),
        new(TimedOut, "SuiteTimedOut", "A suite ran past its timeout and its process tree was killed.", Severity.High),
        new(RunnerUnavailable, "RunnerUnavailable", "The suite's native runner is not available on the service, so the suite did not run.", Severity.Medium),
        new(NoResults, "NoMachineReadableResults", "The runner ended without a readable machine-readable report.", Severity.Medium),
        new(Disabled, "TestCommandDisabled", "The service does not run tests (Commands:Test:Enabled is not true).", Severity.Info),
    ];
}
