using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Security;

/// <summary>Who is calling: the owner recorded on jobs and uploads, and whether the caller sees everyone's.</summary>
public static class Caller
{
    /// <summary>The authenticated identity's name; null when the service runs without authentication.</summary>
    public static string? Owner(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;

    /// <summary>True for an authenticated caller with the admin scope.</summary>
    public static bool IsAdmin(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.HasClaim(Scopes.ClaimType, Scopes.Admin);

    /// <summary>The owner to filter by: null (everyone) for admins and when the service runs without authentication.</summary>
    public static string? OwnerFilter(HttpContext context) => IsAdmin(context) ? null : Owner(context);

    /// <summary>Rate-limit partition: the identity, else the client address.</summary>
    public static string PartitionKey(HttpContext context) =>
        Owner(context) is { } owner ? "id:" + owner : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}
