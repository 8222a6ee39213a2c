using Microsoft.Extensions.Options;

namespace ParallelAgents.Models.Configuration;

/// <summary>Stops start-up on a provider setting that cannot work, naming its key.</summary>
public sealed class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var errors = new List<string>();
        foreach (var (provider, p) in options.Providers)
        {
            var key = $"{ModelsOptions.Section}:Providers:{provider}";
            if (provider.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{key}: a provider name cannot contain '/'.");
            }

            if (!Enum.IsDefined(p.Kind))
            {
                errors.Add($"{key}:Kind must be OpenAI, AzureOpenAI or Anthropic.");
            }

            if (p.Kind == ModelProviderKind.AzureOpenAI && string.IsNullOrWhiteSpace(p.Endpoint))
            {
                errors.Add($"{key}:Endpoint is required for Azure OpenAI (https://<resource>.openai.azure.com).");
            }

            if (!string.IsNullOrWhiteSpace(p.Endpoint) && !(Uri.TryCreate(p.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                errors.Add($"{key}:Endpoint must be an absolute http or https address.");
            }

            if (string.IsNullOrWhiteSpace(p.Model))
            {
                errors.Add($"{key}:Model is required (the model or deployment used when a job names none).");
            }

            if (p.Kind is ModelProviderKind.OpenAI or ModelProviderKind.Anthropic && string.IsNullOrWhiteSpace(p.ApiKey) && string.IsNullOrWhiteSpace(p.Endpoint))
            {
                errors.Add($"{key}:ApiKey is required for the provider's public endpoint (a local server given by Endpoint may do without).");
            }

            if (p.MaxConcurrency < 1)
            {
                errors.Add($"{key}:MaxConcurrency must be at least 1.");
            }

            if (p.RequestsPerMinute < 0 || p.TokensPerMinute < 0)
            {
                errors.Add($"{key}:RequestsPerMinute and {key}:TokensPerMinute must be 0 (unlimited) or more.");
            }

            if (p.InputCostPerMillionTokens < 0 || p.OutputCostPerMillionTokens < 0)
            {
                errors.Add($"{key}:InputCostPerMillionTokens and OutputCostPerMillionTokens cannot be negative.");
            }

            if (p.Timeout <= TimeSpan.Zero)
            {
                errors.Add($"{key}:Timeout must be positive (for example 00:02:00).");
            }

            if (p.MaxAttempts is < 1 or > 20)
            {
                errors.Add($"{key}:MaxAttempts must be between 1 and 20.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Default) && !options.Providers.ContainsKey(options.Default))
        {
            errors.Add($"{ModelsOptions.Section}:Default names '{options.Default}', which is not under {ModelsOptions.Section}:Providers.");
        }

        foreach (var (alias, target) in options.Aliases)
        {
            var provider = target.Split('/', 2)[0];
            if (!options.Providers.ContainsKey(provider))
            {
                errors.Add($"{ModelsOptions.Section}:Aliases:{alias} names provider '{provider}', which is not under {ModelsOptions.Section}:Providers (write provider/model).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
