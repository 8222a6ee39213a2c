using Microsoft.Extensions.Options;

namespace ParallelAgents.Hosting;

/// <summary>
/// Checks <see cref="StorageOptions"/> before the silo is built; each message names the configuration key and its
/// environment-variable form, the way deployments set it.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!options.IsAzure && !string.Equals(options.Provider, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Key("Provider")} is '{options.Provider}'; use Memory or AzureStorage.");
        }

        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Key("StartupTimeout")} must be positive (is {options.StartupTimeout}).");
        }

        if (options.IsAzure && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var cs = options.ConnectionString;
            if (!cs.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                && !cs.Contains("Endpoint", StringComparison.OrdinalIgnoreCase)
                && !cs.Contains("AccountName", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{Key("ConnectionString")} is not an Azure Storage connection string (expected AccountName=...;AccountKey=... or endpoints, or UseDevelopmentStorage=true).");
            }
        }
        else if (options.IsAzure)
        {
            foreach (var (setting, uri) in new[] { ("TableServiceUri", options.TableServiceUri), ("BlobServiceUri", options.BlobServiceUri), ("QueueServiceUri", options.QueueServiceUri) })
            {
                if (uri is null)
                {
                    errors.Add($"{Key(setting)} is required when {Key("Provider")}=AzureStorage and no {Key("ConnectionString")} is set.");
                }
                else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    errors.Add($"{Key(setting)} must be an absolute http(s) URI, e.g. https://<account>.table.core.windows.net.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string setting) => $"{StorageOptions.Section}:{setting} ({StorageOptions.Section}__{setting})";
}
