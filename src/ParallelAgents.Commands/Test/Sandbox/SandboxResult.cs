namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>How a sandboxed run ended.</summary>
/// <param name="ExitCode">Exit code; -1 when killed or never started.</param>
/// <param name="TimedOut">The timeout passed and the tree was killed.</param>
/// <param name="Output">The last bytes of standard output and error, interleaved.</param>
/// <param name="OutputTruncated">Earlier output was dropped to stay within the limit.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="StartError">Why the program could not start, when it could not.</param>
public sealed record SandboxResult(int ExitCode, bool TimedOut, string Output, bool OutputTruncated, TimeSpan Elapsed, string? StartError = null);
