namespace ParallelAgents.Abstractions;

/// <summary>One unit of work produced by a command's assessment.</summary>
/// <param name="Id">Stable id, unique within the job; results are deduplicated by it.</param>
/// <param name="Key">Partition key (category, suite type, aspect...).</param>
/// <param name="Cost">Estimated cost (bytes, lines, past milliseconds) used for balancing.</param>
/// <param name="Payload">Command-specific data, usually a workspace-relative path.</param>
[GenerateSerializer, Immutable, Alias("pa.WorkItem")]
public sealed record WorkItem(string Id, string Key, long Cost, string? Payload);
