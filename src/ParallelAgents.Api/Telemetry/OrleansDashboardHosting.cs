using Orleans.Dashboard;
using ParallelAgents.Api.Security;

namespace ParallelAgents.Api.Telemetry;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) at <c>/orleans</c>: the cluster's silos, grain types and
/// activations, grain method calls and their latency, reminders and the live log. The co-hosted silo carries the
/// dashboard's grains and call profiler (which only measures while the dashboard is being looked at); the page and
/// its JSON endpoints are minimal-API endpoints of this app, behind the admin scope when authentication is on. On by
/// default; <c>Telemetry:OrleansDashboard:Enabled=false</c> leaves all of it out.
/// </summary>
public static class OrleansDashboardHosting
{
    /// <summary>Where the dashboard is served.</summary>
    public const string DashboardPath = "/orleans";

    /// <summary>Adds the dashboard's silo parts when it is enabled.</summary>
    public static WebApplicationBuilder AddParallelAgentsOrleansDashboard(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.OrleansDashboard.Enabled)
        {
            return builder;
        }

        // Joins the silo configured by AddParallelAgentsSilo: UseOrleans hands back the same silo builder.
        builder.UseOrleans(silo => silo.AddDashboard());
        builder.Services.AddSingleton<DashboardMarker>();
        return builder;
    }

    /// <summary>Maps the dashboard's page, assets and API under <c>/orleans</c> when its silo parts were added.</summary>
    public static WebApplication MapParallelAgentsOrleansDashboard(this WebApplication app)
    {
        if (app.Services.GetService<DashboardMarker>() is not null)
        {
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthSchemes.AdminPolicy).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>Registered with the silo parts, so the endpoints are mapped exactly when their services exist.</summary>
    private sealed class DashboardMarker;
}
