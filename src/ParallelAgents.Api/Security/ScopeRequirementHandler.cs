using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>Checks <see cref="ScopeRequirement"/>.</summary>
public sealed class ScopeRequirementHandler(IOptions<AuthOptions> auth) : AuthorizationHandler<ScopeRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (!auth.Value.Enforced
            || (context.User.Identity?.IsAuthenticated == true
                && (context.User.HasClaim(Scopes.ClaimType, requirement.Scope) || context.User.HasClaim(Scopes.ClaimType, Scopes.Admin))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
