namespace ParallelAgents.Engine.Commands;

/// <summary>
/// Thrown by an executor when the item could succeed if tried again (a service briefly unavailable). The segment's
/// attempt fails and is retried with backoff; any other exception is recorded as the item's error.
/// </summary>
public sealed class TransientWorkException(string message, Exception? inner = null) : Exception(message, inner);
