namespace ParallelAgents.Abstractions;

/// <summary>An item that could not be processed.</summary>
[GenerateSerializer, Immutable, Alias("pa.ItemError")]
public sealed record ItemError(string ItemId, string SegmentKey, string Message);
