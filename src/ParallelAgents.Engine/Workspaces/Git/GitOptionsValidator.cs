using Microsoft.Extensions.Options;

namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>Checks <see cref="GitOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class GitOptionsValidator : IValidateOptions<GitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GitOptions options)
    {
        const string Section = GitOptions.Section;
        var errors = new List<string>();
        if (options.CacheBytes < 1)
        {
            errors.Add($"{Section}:CacheBytes must be positive (is {options.CacheBytes}).");
        }

        if (options.MaxBytes < 1)
        {
            errors.Add($"{Section}:MaxBytes must be positive (is {options.MaxBytes}).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive (is {options.Timeout}).");
        }

        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                errors.Add($"{Section}:AllowedHosts:{i} is '{host}', which is not a host name (give 'git.example.com', not a URL).");
            }
        }

        foreach (var (host, credential) in options.Credentials)
        {
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                errors.Add($"{Section}:Credentials:{host} does not name a host.");
            }

            if (credential.UseManagedIdentity)
            {
                if (!string.IsNullOrEmpty(credential.Token) || !string.IsNullOrEmpty(credential.Username))
                {
                    errors.Add($"{Section}:Credentials:{host} sets UseManagedIdentity and a Token or Username; give one way to authenticate.");
                }

                if (string.IsNullOrWhiteSpace(credential.Scope) || credential.Scope.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
                {
                    errors.Add($"{Section}:Credentials:{host}:Scope must be one Entra ID scope, e.g. {GitCredential.AzureDevOpsScope}.");
                }

                continue;
            }

            // The value is never echoed: a start-up error must not print a secret.
            if (string.IsNullOrWhiteSpace(credential.Token))
            {
                errors.Add($"{Section}:Credentials:{host}:Token is empty (set it, or UseManagedIdentity=true for Azure Repos).");
            }
            else if (credential.Token.Any(char.IsControl) || credential.Username?.Any(c => char.IsControl(c) || c == ':') == true)
            {
                errors.Add($"{Section}:Credentials:{host} has a control character in its token or a ':' in its username.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
