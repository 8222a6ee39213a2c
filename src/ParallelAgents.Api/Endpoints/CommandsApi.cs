using Microsoft.AspNetCore.Http.HttpResults;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Api.Endpoints;

/// <summary>What commands the service runs.</summary>
public static class CommandsApi
{
    /// <summary>Maps <c>/api/commands</c>.</summary>
    public static RouteGroupBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/commands").WithTags("Commands").RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/", ListCommands).WithName("ListCommands").WithSummary("Lists the commands with their agent role, pool defaults and options.");
        return group;
    }

    /// <summary>Every command.</summary>
    public static Ok<CommandInfo[]> ListCommands(CommandRegistry registry) =>
        TypedResults.Ok(registry.All.Select(c => CommandInfo.From(c.Descriptor)).ToArray());
}
