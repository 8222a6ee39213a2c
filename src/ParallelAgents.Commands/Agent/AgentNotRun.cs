namespace ParallelAgents.Commands.Agent;

/// <summary>An item that was not sent to the model, and why.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Reason">Why (a budget reached).</param>
public sealed record AgentNotRun(string ItemId, string Reason);
