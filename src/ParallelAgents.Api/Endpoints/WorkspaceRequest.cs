namespace ParallelAgents.Api.Endpoints;

/// <summary>A job's workspace: exactly one of a local path or an uploaded workspace id.</summary>
/// <param name="Path">Directory under one of <c>Workspaces:AllowedRoots</c>.</param>
/// <param name="WorkspaceId">Id returned by <c>POST /api/workspaces</c>.</param>
public sealed record WorkspaceRequest(string? Path, string? WorkspaceId);
