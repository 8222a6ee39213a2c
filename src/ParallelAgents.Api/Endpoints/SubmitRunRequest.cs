using System.Text.Json.Nodes;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Body of <c>POST /api/runs</c>.</summary>
/// <param name="Workspace">The one workspace every job works on, as for a job: <c>{"path": "..."}</c>, <c>{"workspaceId": "..."}</c> or <c>{"git": {"url": "...", "ref": "..."}}</c>.</param>
/// <param name="Jobs">The commands to run together, each with its options: <c>[{"command": "docs", "options": {...}}, ...]</c>.</param>
/// <param name="Priority"><c>critical</c>, <c>high</c>, <c>normal</c> (the default) or <c>low</c>, for every job of the run.</param>
public sealed record SubmitRunRequest(JsonObject? Workspace, IReadOnlyList<SubmitRunJob> Jobs, string? Priority = null);

/// <summary>One job of a run.</summary>
/// <param name="Command">Command name (see <c>GET /api/commands</c>).</param>
/// <param name="Options">Pool overrides and the command's options, as for a job.</param>
public sealed record SubmitRunJob(string Command, JsonObject? Options);
