using System.Security.Claims;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>
/// Turns a validated Entra ID token into the service's identity: the name is the object id (<c>oid</c>, stable across
/// renames), else <c>preferred_username</c>, else <c>sub</c>; app roles (<c>roles</c>) and delegated scopes
/// (<c>scp</c>) named <c>jobs.read</c>, <c>jobs.submit</c>, <c>admin</c> (or the scope names) become scope claims.
/// </summary>
public static class EntraClaimsMapper
{
    /// <summary>The mapped principal, or null when the token names no one.</summary>
    public static ClaimsPrincipal? Map(ClaimsPrincipal token, string authenticationType)
    {
        var name = First(token, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "preferred_username", "sub", ClaimTypes.NameIdentifier);
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var granted = token.FindAll("roles").Concat(token.FindAll(ClaimTypes.Role))
            .Select(c => c.Value)
            .Concat(token.FindAll("scp").Concat(token.FindAll("http://schemas.microsoft.com/identity/claims/scope"))
                .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Select(Scopes.FromRole)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. granted.Select(s => new Claim(Scopes.ClaimType, s))],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
