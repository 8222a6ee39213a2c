namespace ParallelAgents.Commands.Agent;

/// <summary>The job cannot run as asked (unknown agent or provider, unreadable definition); the message says why.</summary>
public sealed class AgentSetupException(string message) : Exception(message);
