using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>Lets the schemes set 401/403 and their <c>WWW-Authenticate</c> headers, then explains the refusal in problem details.</summary>
public sealed class ProblemDetailsAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if ((!authorizeResult.Challenged && !authorizeResult.Forbidden) || context.Response.HasStarted)
        {
            return;
        }

        var scope = policy.Requirements.OfType<ScopeRequirement>().FirstOrDefault()?.Scope;
        var (title, detail) = authorizeResult.Challenged
            ? ("Authentication required.", $"Send an API key in the {AuthSchemes.ApiKeyHeader} header (or Authorization: ApiKey <key>), or a Microsoft Entra ID bearer token when the service accepts them.")
            : ("Not allowed.", scope == Scopes.Admin
                ? "This operation needs the scope 'admin'; the credentials sent do not grant it."
                : $"This operation needs the scope '{scope}' (or admin); the credentials sent do not grant it.");
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
    }
}
