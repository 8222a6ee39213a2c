using Microsoft.AspNetCore.Http.HttpResults;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Api.Endpoints;

/// <summary>The cluster's admission scheduler: its queue, the silos' budgets and the queued work.</summary>
public static class SchedulingApi
{
    /// <summary>Maps <c>/api/scheduler</c>.</summary>
    public static RouteGroupBuilder MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scheduler").WithTags("Scheduling").RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/", GetScheduler).WithName("GetScheduler");
        return group;
    }

    /// <summary>
    /// Segments and work items waiting for a slot anywhere in the cluster (the figure a scale rule follows), each
    /// silo's budget of running segments at its current load, and — for administrators — the queue of waiting jobs in
    /// the order they will start.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <response code="200">The scheduler as it stands.</response>
    public static async Task<Ok<AdmissionView>> GetScheduler(HttpContext context, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IAdmissionGrain>(0).GetViewAsync();
        return TypedResults.Ok(Caller.IsAdmin(context) ? view : view with { Queue = [] });
    }
}
