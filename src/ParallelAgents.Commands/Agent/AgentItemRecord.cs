namespace ParallelAgents.Commands.Agent;

/// <summary>One item as the report lists it.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Data">Provider, model, response model, fingerprint, seed, prompt hash, usage.</param>
/// <param name="Findings">Findings it produced.</param>
/// <param name="Error">Its error, if any.</param>
public sealed record AgentItemRecord(string ItemId, AgentItemData Data, int Findings, string? Error);
