namespace ParallelAgents.TestSupport;

/// <summary>One Server-Sent Event: its type, id (null when the server sent none) and data.</summary>
public sealed record SseEvent(string Type, string? Id, string Data);
