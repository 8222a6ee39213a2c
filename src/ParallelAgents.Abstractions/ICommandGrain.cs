namespace ParallelAgents.Abstractions;

/// <summary>One job: plans it, dispatches its segments, records their outcomes and aggregates the report. Key: job id.</summary>
[Alias("pa.ICommandGrain")]
public interface ICommandGrain : IGrainWithStringKey
{
    /// <summary>Accepts the job (idempotent for the same id) and starts it in the background.</summary>
    [Alias("Submit")]
    Task<JobSnapshot> SubmitAsync(JobSpec spec);

    /// <summary>
    /// Accepts the job unless this id already holds one (an idempotency key's id); then says so, and whether the
    /// earlier request was a different one.
    /// </summary>
    [Alias("SubmitOnce")]
    Task<SubmitResult> SubmitOnceAsync(JobSpec spec);

    /// <summary>The job as it stands; null when no job has this id.</summary>
    [Alias("GetSnapshot")]
    Task<JobSnapshot?> GetSnapshotAsync();

    /// <summary>Waits until the job is terminal or <paramref name="timeout"/> passes; returns the snapshot either way (null for no job).</summary>
    [Alias("Wait"), ResponseTimeout("01:00:00")]
    Task<JobSnapshot?> WaitAsync(TimeSpan timeout);

    /// <summary>The report once the job is terminal; null before.</summary>
    [Alias("GetReport")]
    Task<JobReport?> GetReportAsync();

    /// <summary>Recent progress events with a sequence above <paramref name="afterSequence"/>, oldest first (a bounded window kept in memory).</summary>
    [Alias("GetEvents")]
    Task<IReadOnlyList<ProgressEvent>> GetEventsAsync(long afterSequence);

    /// <summary>Stops every running segment and ends the job <see cref="JobStatus.Cancelled"/>.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot?> CancelAsync();

    /// <summary>A segment reports that it started an attempt.</summary>
    [Alias("SegmentStarted"), Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.OneWay]
    Task SegmentStartedAsync(int index, int attempt, string silo);

    /// <summary>A segment reports a checkpointed item.</summary>
    [Alias("ItemCompleted"), Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.OneWay]
    Task ItemCompletedAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs, Models.ModelUsage? usage);

    /// <summary>
    /// A metered segment (its job has a budget) reports its ledger before it starts an item and waits for the answer:
    /// null to go on, or the reason no new item may start.
    /// </summary>
    [Alias("ItemStarting"), Orleans.Concurrency.AlwaysInterleave]
    Task<string?> ItemStartingAsync(int index, int attempt, int itemsDone, int itemErrors, double busyMs, Models.ModelUsage? usage);

    /// <summary>
    /// The cluster's admission scheduler says the job's place in its queue changed (<paramref name="position"/>, null
    /// when nothing of it waits) or that slots were set aside for it (<paramref name="offered"/>): the coordinator then
    /// asks for them.
    /// </summary>
    [Alias("AdmissionChanged"), Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.OneWay]
    Task AdmissionChangedAsync(int? position, bool offered);
}
