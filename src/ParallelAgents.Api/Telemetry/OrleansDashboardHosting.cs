using Orleans.Dashboard;
using ParallelAgents.Api.Security;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Telemetry;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) at <c>/orleans</c>: the cluster's silos, grain types and
/// activations, grain method calls and their latency, reminders and the live log. Every silo carries the dashboard's
/// grains and call profiler (which only measures while the dashboard is being looked at); the page and its JSON
/// endpoints are minimal-API endpoints of the front end (a co-hosted silo's app, or a cluster client that asks the
/// silos' dashboard grains), behind the admin scope when authentication is on. A silo alone serves no page. On by
/// default; <c>Telemetry:OrleansDashboard:Enabled=false</c> leaves all of it out, on silos and front ends alike.
/// </summary>
public static class OrleansDashboardHosting
{
    /// <summary>Where the dashboard is served.</summary>
    public const string DashboardPath = "/orleans";

    /// <summary>Adds the dashboard's silo parts, or for a front end in the Client role its client parts, when it is enabled.</summary>
    public static WebApplicationBuilder AddParallelAgentsOrleansDashboard(this WebApplicationBuilder builder, OrleansRole role)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.OrleansDashboard.Enabled)
        {
            return builder;
        }

        // Joins the silo or client configured by AddParallelAgentsCluster: UseOrleans and UseOrleansClient hand back
        // the same builder.
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client => client.AddDashboard());
        }
        else
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

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
