using Microsoft.Extensions.Options;

namespace ParallelAgents.Commands.Deps;

/// <summary>Checks <see cref="AdvisoryOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class AdvisoryOptionsValidator : IValidateOptions<AdvisoryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdvisoryOptions options)
    {
        const string S = AdvisoryOptions.SectionName;
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OsvApiUrl)
            && (!Uri.TryCreate(options.OsvApiUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{S}:OsvApiUrl must be an absolute http(s) URL, e.g. https://api.osv.dev (is '{options.OsvApiUrl}').");
        }

        if (!string.IsNullOrWhiteSpace(options.OsvDirectory) && !Directory.Exists(options.OsvDirectory.Trim()) && !File.Exists(options.OsvDirectory.Trim()))
        {
            errors.Add($"{S}:OsvDirectory names '{options.OsvDirectory}', which is neither a directory nor a file.");
        }

        if (!(options.ApiTimeoutSeconds is > 0 and <= 3600))
        {
            errors.Add($"{S}:ApiTimeoutSeconds must be positive and at most 3600 (is {options.ApiTimeoutSeconds}).");
        }

        if (options.ApiMaxAttempts is < 1 or > 20)
        {
            errors.Add($"{S}:ApiMaxAttempts must be between 1 and 20 (is {options.ApiMaxAttempts}).");
        }

        if (options.ApiRetryBaseDelayMs is < 0 or > 60_000)
        {
            errors.Add($"{S}:ApiRetryBaseDelayMs must be between 0 and 60000 (is {options.ApiRetryBaseDelayMs}).");
        }

        if (!(options.ApiCacheMinutes >= 0))
        {
            errors.Add($"{S}:ApiCacheMinutes must not be negative (is {options.ApiCacheMinutes}).");
        }

        if (options.ApiMaxConcurrency < 1)
        {
            errors.Add($"{S}:ApiMaxConcurrency must be at least 1 (is {options.ApiMaxConcurrency}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
