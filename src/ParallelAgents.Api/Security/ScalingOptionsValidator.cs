using Microsoft.Extensions.Options;

namespace ParallelAgents.Api.Security;

/// <summary>Refuses a scaling key that is short or padded, so a truncated or mistyped secret stops start-up instead of every scale check.</summary>
public sealed class ScalingOptionsValidator : IValidateOptions<ScalingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScalingOptions options)
    {
        if (!options.KeyConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.ApiKey.Length < ScalingOptions.MinKeyLength)
        {
            return ValidateOptionsResult.Fail(
                $"{ScalingOptions.Section}:ApiKey must be at least {ScalingOptions.MinKeyLength} characters (is {options.ApiKey.Length}); leave it empty to read the scaling signal with an API key of the jobs:read scope.");
        }

        return options.ApiKey.Trim().Length != options.ApiKey.Length
            ? ValidateOptionsResult.Fail($"{ScalingOptions.Section}:ApiKey starts or ends with white space, which a header cannot carry.")
            : ValidateOptionsResult.Success;
    }
}
