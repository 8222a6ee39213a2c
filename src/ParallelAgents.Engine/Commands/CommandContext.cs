using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Engine.Commands;

/// <summary>What a command sees of the job it works for.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Workspace">The job's files; null for commands that need none.</param>
/// <param name="Options">The job's options.</param>
/// <param name="Services">Silo services, for caches shared by the instances of one silo.</param>
public sealed record CommandContext(string JobId, Workspace? Workspace, CommandOptions Options, IServiceProvider Services)
{
    /// <summary>The workspace, or an error explaining that the command needs one.</summary>
    public Workspace RequireWorkspace() =>
        Workspace ?? throw new InvalidOperationException("This command needs a workspace.");
}
