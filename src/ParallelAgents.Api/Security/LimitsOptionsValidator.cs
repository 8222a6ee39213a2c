using Microsoft.Extensions.Options;

namespace ParallelAgents.Api.Security;

/// <summary>Checks <see cref="LimitsOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        const string S = LimitsOptions.Section;
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes < 0)
        {
            errors.Add($"{S}:MaxRequestBodyBytes must not be negative; 0 turns the limit off (is {options.MaxRequestBodyBytes}).");
        }

        if (options.MaxConcurrentJobsPerIdentity < 0)
        {
            errors.Add($"{S}:MaxConcurrentJobsPerIdentity must not be negative; 0 turns the limit off (is {options.MaxConcurrentJobsPerIdentity}).");
        }

        if (options.SubmissionsPerMinute < 0)
        {
            errors.Add($"{S}:SubmissionsPerMinute must not be negative; 0 turns the limit off (is {options.SubmissionsPerMinute}).");
        }

        if (options.ConcurrentJobsRetryAfterSeconds < 1)
        {
            errors.Add($"{S}:ConcurrentJobsRetryAfterSeconds must be at least 1 (is {options.ConcurrentJobsRetryAfterSeconds}).");
        }

        if (options.MaxJobsPerRun < 1)
        {
            errors.Add($"{S}:MaxJobsPerRun must be at least 1 (is {options.MaxJobsPerRun}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
