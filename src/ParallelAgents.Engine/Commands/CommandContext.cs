using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Engine.Commands;

/// <summary>What a command sees of the job it works for.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Workspace">The job's files; null for commands that need none.</param>
/// <param name="Options">The job's options.</param>
/// <param name="Services">Silo services, for caches shared by the instances of one silo.</param>
public sealed record CommandContext(string JobId, Workspace? Workspace, CommandOptions Options, IServiceProvider Services)
{
    /// <summary>
    /// For a diff-aware run (<c>changedSince</c>), the files changed since the base: a command's assessment makes
    /// items of those only, while rules that need the whole set still read the whole workspace. Null when the job
    /// considers every file. Set on the job's coordinator (assessment and aggregation), not on the silos running items.
    /// </summary>
    public WorkspaceChanges? Changes { get; init; }

    /// <summary>True when <paramref name="path"/> is to become an item: every path, or in a diff-aware run a changed one.</summary>
    public bool Considers(string path) => Changes?.Contains(path) ?? true;

    /// <summary>The workspace, or an error explaining that the command needs one.</summary>
    public Workspace RequireWorkspace() =>
        Workspace ?? throw new InvalidOperationException("This command needs a workspace.");
}
