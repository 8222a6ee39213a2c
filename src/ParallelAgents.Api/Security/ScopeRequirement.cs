using Microsoft.AspNetCore.Authorization;

namespace ParallelAgents.Api.Security;

/// <summary>The caller holds <see cref="Scope"/> or <c>admin</c>; always met when the service runs without authentication.</summary>
/// <param name="Scope">The scope the endpoint needs.</param>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;
