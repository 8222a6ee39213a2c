namespace ParallelAgents.Cli;

/// <summary>An error to show the user as-is (no stack trace), with the exit code it ends the process with.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.UsageOrConnection, IReadOnlyList<string>? details = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Further lines, such as one per invalid field.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
