namespace ParallelAgents.Grains.Index;

/// <summary>A bucket's row counts indexed by status, at a version that grows with every change of the bucket.</summary>
[GenerateSerializer, Immutable, Alias("pa.JobIndexBucketCounts")]
public sealed record JobIndexBucketCounts(long Version, int[] Counts);
