using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Prime;

/// <summary>The job's prime options with defaults applied.</summary>
public sealed record PrimeSettings(
    string? Mode,
    int FilesModeThreshold,
    long MaxFileBytes,
    long BatchBytes,
    int BatchFiles,
    int LongFunctionLines,
    int DuplicateWindow,
    int Top,
    bool RespectGitIgnore)
{
    /// <summary>Reads the options.</summary>
    public static PrimeSettings From(CommandOptions options) => new(
        options.GetString("mode"),
        options.GetInt("filesModeThreshold", 2000),
        (long)options.GetDouble("maxFileBytes", 2_000_000),
        (long)options.GetDouble("batchBytes", 1_000_000),
        options.GetInt("batchFiles", 400),
        options.GetInt("longFunctionLines", 80),
        options.GetInt("duplicateWindow", 6),
        options.GetInt("top", 10),
        options.GetBool("respectGitignore", true));
}
