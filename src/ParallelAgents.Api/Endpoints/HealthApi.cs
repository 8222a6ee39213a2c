using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Liveness and readiness probes.</summary>
public static class HealthApi
{
    /// <summary>Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the silo answers grain calls).</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("Live");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithName("Ready");
        return app;
    }
}
