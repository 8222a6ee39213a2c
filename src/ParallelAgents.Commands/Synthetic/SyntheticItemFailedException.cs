namespace ParallelAgents.Commands.Synthetic;

/// <summary>A synthetic item failing on purpose.</summary>
public sealed class SyntheticItemFailedException(string message) : Exception(message);
