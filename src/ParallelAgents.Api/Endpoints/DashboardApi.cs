namespace ParallelAgents.Api.Endpoints;

/// <summary>The live dashboard: static files in wwwroot, served at <c>/</c>.</summary>
public static class DashboardApi
{
    /// <summary>Serves the dashboard's entry page for client-side routes under <c>/jobs/</c> and <c>/runs/</c>.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile("/jobs/{**path}", "index.html").ExcludeFromDescription();
        app.MapFallbackToFile("/runs/{**path}", "index.html").ExcludeFromDescription();
        return app;
    }
}
