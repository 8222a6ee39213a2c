namespace ParallelAgents.Engine.Commands;

/// <summary>What a command is: its name, agent role, pool defaults, partition strategy and options.</summary>
/// <param name="Name">Name used in requests.</param>
/// <param name="AgentRole">The role its instances play (code-reviewer, test-engineer...).</param>
/// <param name="Description">One sentence for users.</param>
/// <param name="Pool">Pool defaults.</param>
/// <param name="Strategy">Partition strategy.</param>
/// <param name="Options">Command-specific options.</param>
/// <param name="RequiresWorkspace">Whether a job must name a workspace.</param>
/// <param name="DisabledReason">
/// Null when this service runs the command; otherwise why it does not and the setting that enables it. A disabled
/// command is listed but refused at submission, so no job of it can end green without having run.
/// </param>
public sealed record CommandDescriptor(
    string Name,
    string AgentRole,
    string Description,
    PoolDefaults Pool,
    PartitionStrategy Strategy,
    IReadOnlyList<CommandOption> Options,
    bool RequiresWorkspace = true,
    string? DisabledReason = null)
{
    /// <summary>Whether this service runs the command.</summary>
    public bool Enabled => DisabledReason is null;
}
