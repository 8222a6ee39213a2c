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

    /// <summary>
    /// The results of a segment whose attempts have ended, read by the job's aggregation; the activation then
    /// deactivates (a later call reactivates it from storage).
    /// </summary>
    [Alias("GetFinalResults")]
    Task<IReadOnlyList<ItemResult>> GetFinalResultsAsync();

    /// <summary>
    /// Records one result produced outside the segment (a degraded run on the coordinator) under
    /// <paramref name="attempt"/>; false when a newer attempt owns the segment.
    /// </summary>
    [Alias("Record")]
    Task<bool> RecordAsync(int attempt, ItemResult result);

    /// <summary>Stops the running attempt, if any.</summary>
    [Alias("Cancel"), Orleans.Concurrency.AlwaysInterleave]
    Task CancelAsync();
}
