namespace ParallelAgents.Grains.Index;

/// <summary>Stored directory of a scope: each bucket's counts by day (yyyymmdd).</summary>
[GenerateSerializer, Alias("pa.JobIndexDirectoryState")]
public sealed class JobIndexDirectoryState
{
    [Id(0)] public Dictionary<int, JobIndexBucketCounts> Buckets { get; set; } = [];
}
