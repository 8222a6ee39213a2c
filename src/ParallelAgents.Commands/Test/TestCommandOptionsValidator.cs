using Microsoft.Extensions.Options;

namespace ParallelAgents.Commands.Test;

/// <summary>Checks <see cref="TestCommandOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class TestCommandOptionsValidator : IValidateOptions<TestCommandOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TestCommandOptions options)
    {
        const string S = TestCommandOptions.SectionName;
        var errors = new List<string>();
        void Positive(string key, long value)
        {
            if (value < 1)
            {
                errors.Add($"{S}:{key} must be positive (is {value}).");
            }
        }

        Positive(nameof(options.DefaultSuiteTimeoutSeconds), options.DefaultSuiteTimeoutSeconds);
        Positive(nameof(options.MaxSuiteTimeoutSeconds), options.MaxSuiteTimeoutSeconds);
        Positive(nameof(options.DefaultJobTimeoutSeconds), options.DefaultJobTimeoutSeconds);
        Positive(nameof(options.CpuSeconds), options.CpuSeconds);
        Positive(nameof(options.MemoryMegabytes), options.MemoryMegabytes);
        Positive(nameof(options.MaxProcesses), options.MaxProcesses);
        Positive(nameof(options.MaxOpenFiles), options.MaxOpenFiles);
        Positive(nameof(options.MaxFileMegabytes), options.MaxFileMegabytes);
        Positive(nameof(options.OutputLimitBytes), options.OutputLimitBytes);
        Positive(nameof(options.SandboxUidCount), options.SandboxUidCount);
        Positive(nameof(options.MaxWorkspaceMegabytes), options.MaxWorkspaceMegabytes);
        if (options.MaxSuiteTimeoutSeconds < options.DefaultSuiteTimeoutSeconds)
        {
            errors.Add($"{S}:MaxSuiteTimeoutSeconds must be at least {S}:DefaultSuiteTimeoutSeconds (is {options.MaxSuiteTimeoutSeconds}, default {options.DefaultSuiteTimeoutSeconds}).");
        }

        // Runs as root would not be sandboxed at all.
        if (options.SandboxUid < 1)
        {
            errors.Add($"{S}:SandboxUid must be a non-root user id, at least 1 (is {options.SandboxUid}).");
        }

        if (options.PassEnvironment.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{S}:PassEnvironment has an empty entry; list environment variable names.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
