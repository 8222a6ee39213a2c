using System.Text.Json.Nodes;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Body of <c>POST /api/jobs</c>.</summary>
/// <param name="Command">Command name (see <c>GET /api/commands</c>).</param>
/// <param name="Workspace">Where the files are: <c>{"path": "..."}</c> under an allowed root, or <c>{"workspaceId": "..."}</c> from an upload.</param>
/// <param name="Options">Pool overrides (<c>maxInstances</c>, <c>itemsPerInstance</c>, <c>parallelThreshold</c>) and the command's options.</param>
/// <param name="Priority"><c>critical</c>, <c>high</c>, <c>normal</c> (the default) or <c>low</c>: when the cluster is saturated, higher priorities start first.</param>
public sealed record SubmitJobRequest(string Command, WorkspaceRequest? Workspace, JsonObject? Options, string? Priority = null);
