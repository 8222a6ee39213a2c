using ParallelAgents.Commands.Test.Results;

namespace ParallelAgents.Commands.Test;

/// <summary>How to run one item with its native runner and read its machine-readable output.</summary>
/// <param name="Arguments">argv of the runner.</param>
/// <param name="Environment">Runner-specific variables.</param>
/// <param name="Parse">Reads the results once the runner has ended (given its captured output).</param>
/// <param name="Problem">Why the runner cannot run (not installed...), instead of running it.</param>
public sealed record RunnerInvocation(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    Func<string, ParsedRun> Parse,
    string? Problem = null);
