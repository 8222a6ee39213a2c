using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>Authenticates a caller by an API key whose SHA-256 is configured; the identity is the key's name, its scopes are claims.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyDirectory keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entry = keys.Find(presented);
        if (entry is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), .. entry.Scopes.Select(s => new Claim(Scopes.ClaimType, s))],
            Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{AuthSchemes.ApiKeyHeader}\"");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The key from <c>X-Api-Key</c>, else from <c>Authorization: ApiKey &lt;key&gt;</c>, else — under
    /// <see cref="AuthSchemes.KeyCookiePath"/> only — from the dashboard's <see cref="AuthSchemes.KeyCookie"/>; null
    /// when none is sent.
    /// </summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var header) && header.Count > 0)
        {
            return header[0]?.Trim() ?? "";
        }

        var authorization = request.Headers.Authorization.ToString();
        const string prefix = "ApiKey ";
        if (authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[prefix.Length..].Trim();
        }

        return request.Path.StartsWithSegments(AuthSchemes.KeyCookiePath, StringComparison.OrdinalIgnoreCase)
            && request.Cookies.TryGetValue(AuthSchemes.KeyCookie, out var cookie) && cookie.Length > 0
            ? Uri.UnescapeDataString(cookie).Trim()
            : null;
    }
}
