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
        group.MapGet("/", ListCommands).WithName("ListCommands");
        return group;
    }

    /// <summary>Lists the commands this service knows, with their agent role, pool defaults and options.</summary>
    /// <remarks>
    /// A command that is disabled on this service (the test command, unless Commands:Test:Enabled=true) is listed
    /// with enabled false and the reason; a job of it is refused with 400.
    /// </remarks>
    /// <param name="registry">The commands.</param>
    /// <response code="200">Every command, by name.</response>
    public static Ok<CommandInfo[]> ListCommands(CommandRegistry registry) =>
        TypedResults.Ok(registry.All.Select(c => CommandInfo.From(c.Descriptor)).ToArray());
}
