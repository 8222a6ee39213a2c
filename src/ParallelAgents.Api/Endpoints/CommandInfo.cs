using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Api.Endpoints;

/// <summary>A command as listed by <c>GET /api/commands</c>.</summary>
/// <param name="Name">Name used in <c>POST /api/jobs</c>.</param>
/// <param name="AgentRole">The role its instances play.</param>
/// <param name="Description">One sentence for users.</param>
/// <param name="Pool">Pool defaults: max instances, items per instance, parallel threshold.</param>
/// <param name="Strategy">How work items are split into segments.</param>
/// <param name="RequiresWorkspace">Whether a job must name a workspace.</param>
/// <param name="Enabled">Whether this service runs the command; a job of a disabled command is refused with 400.</param>
/// <param name="DisabledReason">Why the command is disabled and the setting that enables it; null when enabled.</param>
/// <param name="Options">The options a job may set: the pool options every command accepts, then the command's own.</param>
public sealed record CommandInfo(
    string Name,
    string AgentRole,
    string Description,
    PoolDefaults Pool,
    PartitionStrategy Strategy,
    bool RequiresWorkspace,
    bool Enabled,
    string? DisabledReason,
    IReadOnlyList<CommandOption> Options)
{
    /// <summary>From a descriptor; the pool options every command accepts are listed first.</summary>
    public static CommandInfo From(CommandDescriptor d) =>
        new(d.Name, d.AgentRole, d.Description, d.Pool, d.Strategy, d.RequiresWorkspace, d.Enabled, d.DisabledReason, [.. PoolOptionNames.All, .. d.Options]);
}
