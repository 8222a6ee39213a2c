using Microsoft.Extensions.Options;

namespace ParallelAgents.Hosting.Topology;

/// <summary>
/// Checks the role and the client settings against the storage provider: a front end and silos in separate processes
/// find each other only through the durable clustering table, so they need <c>Storage:Provider=AzureStorage</c>.
/// Each message names the key and its environment-variable form.
/// </summary>
public sealed class OrleansTopologyOptionsValidator(StorageOptions storage) : IValidateOptions<OrleansTopologyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OrleansTopologyOptions options)
    {
        var errors = new List<string>();
        var role = options.ParsedRole;
        if (role is null)
        {
            errors.Add($"{Key("Role")} is '{options.Role}'; use Combined, Client or Silo.");
        }
        else if (role != OrleansRole.Combined && !storage.IsAzure)
        {
            errors.Add($"{Key("Role")} is {role} but {StorageOptions.Section}:Provider ({StorageOptions.Section}__Provider) is '{storage.Provider}': " +
                "a separate front end and silos find each other through the Azure Table clustering, so set Storage__Provider=AzureStorage, or use Orleans__Role=Combined.");
        }

        var client = options.Client;
        foreach (var (setting, value) in new[]
        {
            ("UnavailableTimeout", client.UnavailableTimeout),
            ("ResponseTimeout", client.ResponseTimeout),
            ("GatewayListRefreshPeriod", client.GatewayListRefreshPeriod),
            ("ConnectRetryDelay", client.ConnectRetryDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{Key("Client:" + setting)} must be positive (is {value}).");
            }
        }

        if (client.RetryAfterSeconds is < 1 or > 3600)
        {
            errors.Add($"{Key("Client:RetryAfterSeconds")} must be from 1 to 3600 (is {client.RetryAfterSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string setting) =>
        $"{OrleansTopologyOptions.Section}:{setting} ({OrleansTopologyOptions.Section}__{setting.Replace(":", "__", StringComparison.Ordinal)})";
}
