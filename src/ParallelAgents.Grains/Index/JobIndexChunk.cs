using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>Stored rows of one chunk of a bucket (at most <see cref="JobIndexPartition.ChunkSize"/>).</summary>
[GenerateSerializer, Alias("pa.JobIndexChunk")]
public sealed class JobIndexChunk
{
    [Id(0)] public List<JobSummary> Rows { get; set; } = [];
}
