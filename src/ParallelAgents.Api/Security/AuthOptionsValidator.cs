using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>Refuses to start with a malformed key entry, so a typo never silently locks callers out or lets them in.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var where = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{where}:Name is empty; every key needs a name (the identity that owns its jobs).");
            }

            if (!ApiKeyHasher.TryParseHash(key.Sha256, out _))
            {
                errors.Add($"{where}:Sha256 must be 64 hex digits: the SHA-256 of the key, e.g. printf %s \"$KEY\" | sha256sum.");
            }

            foreach (var scope in key.Scopes.Where(s => !Scopes.All.Contains(s)))
            {
                errors.Add($"{where}:Scopes has '{scope}'; use {string.Join(", ", Scopes.All)}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Entra.Authority) != string.IsNullOrWhiteSpace(options.Entra.Audience))
        {
            errors.Add("Set both Auth:Entra:Authority and Auth:Entra:Audience to accept Entra ID tokens, or neither.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
