namespace ParallelAgents.Abstractions;

/// <summary>What a segment grain is asked to run: its items, for one attempt.</summary>
/// <param name="JobId">Owning job.</param>
/// <param name="Index">Segment index.</param>
/// <param name="Key">Partition key(s).</param>
/// <param name="Attempt">Fencing token: results of older attempts are rejected.</param>
/// <param name="Spec">The job's spec (command, workspace, options).</param>
/// <param name="Items">Items of the segment.</param>
[GenerateSerializer, Immutable, Alias("pa.SegmentAssignment")]
public sealed record SegmentAssignment(string JobId, int Index, string Key, int Attempt, JobSpec Spec, IReadOnlyList<WorkItem> Items)
{
    /// <summary>The job has a budget: the segment asks the coordinator before each item whether it may start.</summary>
    [Id(0)]
    public bool Metered { get; init; }

    /// <summary>The job's budget was already reached: no item of this attempt starts, each is recorded as not run with this reason.</summary>
    [Id(1)]
    public string? Hold { get; init; }

    /// <summary>W3C <c>traceparent</c> of the coordinator's span for this attempt; the segment's spans hang under it.</summary>
    [Id(2)]
    public string? TraceParent { get; init; }

    /// <summary>When the coordinator sent the attempt (for the queue-wait metric).</summary>
    [Id(3)]
    public DateTimeOffset? SentAt { get; init; }
}
