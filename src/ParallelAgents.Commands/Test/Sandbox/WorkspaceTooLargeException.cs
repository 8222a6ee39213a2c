namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>The workspace is larger than the service copies for a test run.</summary>
public sealed class WorkspaceTooLargeException(long maxBytes)
    : Exception($"The workspace is larger than {maxBytes / (1024 * 1024)} MiB, the most copied for a test run (Commands:Test:MaxWorkspaceMegabytes).");
