using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Jobs;

/// <summary>A job to submit.</summary>
/// <param name="Command">Command name.</param>
/// <param name="WorkspacePath">Workspace directory (absolute for a local one), or null for none.</param>
/// <param name="Upload">Send the directory as an archive instead of naming a path on the server.</param>
/// <param name="Options">The job's options object, pool overrides included.</param>
public sealed record JobRequest(string Command, string? WorkspacePath, bool Upload, JsonObject Options);
