namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>How one git command ended; its output has every configured credential masked.</summary>
/// <param name="ExitCode">git's exit code (-1 when it was stopped).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Stopped">The command was killed because the checkout grew past its size limit.</param>
public sealed record GitResult(int ExitCode, string Output, string Error, bool Stopped = false)
{
    /// <summary>The command succeeded.</summary>
    public bool Succeeded => ExitCode == 0 && !Stopped;

    /// <summary>The last non-empty line git wrote to standard error, usually the reason.</summary>
    public string LastErrorLine => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
