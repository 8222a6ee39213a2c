using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Api.Endpoints;

/// <summary>A command as listed by <c>GET /api/commands</c>.</summary>
public sealed record CommandInfo(
    string Name,
    string AgentRole,
    string Description,
    PoolDefaults Pool,
    PartitionStrategy Strategy,
    bool RequiresWorkspace,
    IReadOnlyList<CommandOption> Options)
{
    /// <summary>From a descriptor; the pool options every command accepts are listed first.</summary>
    public static CommandInfo From(CommandDescriptor d) =>
        new(d.Name, d.AgentRole, d.Description, d.Pool, d.Strategy, d.RequiresWorkspace, [.. PoolOptionNames.All, .. d.Options]);
}
