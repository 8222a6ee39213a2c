using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Jobs;

/// <summary>A job to submit.</summary>
/// <param name="Command">Command name.</param>
/// <param name="WorkspacePath">Workspace directory (absolute for a local one), or null for none.</param>
/// <param name="Upload">Send the directory as an archive instead of naming a path on the server.</param>
/// <param name="Options">The job's options object, pool overrides included.</param>
public sealed record JobRequest(string Command, string? WorkspacePath, bool Upload, JsonObject Options)
{
    /// <summary>A git repository to run on instead of a directory.</summary>
    public string? GitUrl { get; init; }

    /// <summary>The job's priority as the request names it; null for the service's default (normal).</summary>
    public string? Priority { get; init; }

    /// <summary>The ref of <see cref="GitUrl"/>; null for its HEAD.</summary>
    public string? GitRef { get; init; }

    /// <summary>The base of a diff-aware run (<c>changedSince</c>): a ref or sha; null for every file.</summary>
    public string? ChangedSince { get; init; }

    /// <summary>The request's <c>workspace</c> object for a git repository, or null when it names none.</summary>
    public JsonObject? GitWorkspace() => GitUrl is null
        ? null
        : new JsonObject { ["git"] = GitRef is null ? new JsonObject { ["url"] = GitUrl } : new JsonObject { ["url"] = GitUrl, ["ref"] = GitRef } };
}
