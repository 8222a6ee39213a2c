namespace ParallelAgents.Commands.Test.Results;

/// <summary>One test's result as the native runner reported it.</summary>
/// <param name="Name">Test name as the runner prints it.</param>
/// <param name="Group">Class, module or package it belongs to.</param>
/// <param name="Outcome">Outcome.</param>
/// <param name="Message">Failure, error or skip message.</param>
/// <param name="File">File the runner points at (absolute or relative to the run directory), when given.</param>
/// <param name="Line">1-based line, when given.</param>
/// <param name="DurationMs">Duration the runner measured.</param>
/// <param name="Selector">How to select this test again (for reruns), when it can be derived.</param>
public sealed record TestCaseResult(
    string Name,
    string? Group,
    TestOutcome Outcome,
    string? Message,
    string? File,
    int? Line,
    double DurationMs,
    string? Selector = null);
