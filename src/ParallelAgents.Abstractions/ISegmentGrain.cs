namespace ParallelAgents.Abstractions;

/// <summary>One agent instance of a job. Owns the segment's ledger and checkpoints after every item. Key: <c>{jobId}/{index}</c>.</summary>
[Alias("pa.ISegmentGrain")]
public interface ISegmentGrain : IGrainWithStringKey
{
    /// <summary>Runs the assignment to the end, skipping items an earlier attempt finished. Rejects stale attempts.</summary>
    [Alias("Run"), ResponseTimeout("7.00:00:00")]
    Task<SegmentOutcome> RunAsync(SegmentAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>The checkpointed results, one per finished item.</summary>
    [Alias("GetResults")]
    Task<IReadOnlyList<ItemResult>> GetResultsAsync();

    /// <summary>Stops the running attempt, if any.</summary>
    [Alias("Cancel"), Orleans.Concurrency.AlwaysInterleave]
    Task CancelAsync();
}
