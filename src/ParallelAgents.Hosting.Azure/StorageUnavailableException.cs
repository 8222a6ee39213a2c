namespace ParallelAgents.Hosting.Azure;

/// <summary>Storage is misconfigured or unreachable at start-up; the message names the setting to check.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);
