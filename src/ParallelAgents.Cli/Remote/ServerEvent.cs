namespace ParallelAgents.Cli.Remote;

/// <summary>One Server-Sent Event: its type, id and data.</summary>
public sealed record ServerEvent(string Type, string? Id, string Data);
