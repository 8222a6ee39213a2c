namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>One program to run in the sandbox.</summary>
/// <param name="Arguments">Program and arguments (argv; no shell).</param>
/// <param name="WorkingDirectory">Directory to start in (inside the private copy).</param>
/// <param name="HomeDirectory">Temporary HOME, also TMPDIR's parent.</param>
/// <param name="Environment">Runner-specific variables added to the scrubbed environment.</param>
/// <param name="Timeout">Wall-clock limit; the whole tree is killed when it passes.</param>
/// <param name="Uid">User id to run as (root service only), from a lease.</param>
public sealed record SandboxRequest(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    string HomeDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    int? Uid);
