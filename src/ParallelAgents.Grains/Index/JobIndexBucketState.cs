namespace ParallelAgents.Grains.Index;

/// <summary>Stored header of a bucket: how many row chunks it has and the version of its counts.</summary>
[GenerateSerializer, Alias("pa.JobIndexBucketState")]
public sealed class JobIndexBucketState
{
    [Id(0)] public int Chunks { get; set; }

    [Id(1)] public long Version { get; set; }
}
