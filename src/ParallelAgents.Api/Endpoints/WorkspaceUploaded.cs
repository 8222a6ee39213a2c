namespace ParallelAgents.Api.Endpoints;

/// <summary>Answer to an upload: the id to use as <c>{"workspace": {"workspaceId": ...}}</c>.</summary>
public sealed record WorkspaceUploaded(string WorkspaceId);
