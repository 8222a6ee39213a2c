using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Jobs;

/// <summary>
/// The coordinator's persisted state: the spec, the plan and every segment's record. Changed only by
/// <see cref="JobMachine"/>; item results are not here, they live in the segments' ledgers.
/// </summary>
[GenerateSerializer, Alias("pa.JobState")]
public sealed class JobState
{
    /// <summary>What was submitted; null while no job has this id.</summary>
    [Id(0)] public JobSpec? Spec { get; set; }

    /// <summary>Lifecycle status.</summary>
    [Id(1)] public JobStatus Status { get; set; }

    /// <summary>When the job was accepted.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the plan was stored and the first attempts went out.</summary>
    [Id(3)] public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>When the job ended.</summary>
    [Id(4)] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>One record per planned segment, by index.</summary>
    [Id(5)] public List<SegmentRecord> Segments { get; set; } = [];

    /// <summary>Why the job failed, when it did.</summary>
    [Id(6)] public string? Error { get; set; }

    /// <summary>True once any segment ran its items sequentially on the coordinator.</summary>
    [Id(7)] public bool Degraded { get; set; }

    /// <summary>Engine and assessment notes for the report.</summary>
    [Id(8)] public List<string> Notes { get; set; } = [];

    /// <summary>How long the final aggregation took.</summary>
    [Id(9)] public double AggregationMs { get; set; }

    /// <summary>A caller asked to cancel.</summary>
    [Id(11)] public bool CancelRequested { get; set; }

    /// <summary>Sequence number of the last progress event.</summary>
    [Id(12)] public long Sequence { get; set; }

    /// <summary>Work items planned.</summary>
    [Id(13)] public int ItemsTotal { get; set; }

    /// <summary>The command's agent role.</summary>
    [Id(14)] public string AgentRole { get; set; } = "";

    /// <summary>Findings the assessment made (unreadable files...).</summary>
    [Id(15)] public List<Finding> AssessmentFindings { get; set; } = [];

    /// <summary>True once the plan is stored.</summary>
    [Id(16)] public bool Planned { get; set; }

    /// <summary>
    /// Fencing token of the coordinator activation that owns the job: each activation that takes the job over stores a
    /// higher one, so an older activation's next write conflicts and it steps down instead of finishing the job twice.
    /// </summary>
    [Id(18)] public long Generation { get; set; }

    /// <summary>The job ran past <c>Engine:MaxJobDuration</c>.</summary>
    [Id(19)] public bool TimedOut { get; set; }

    /// <summary>The job's spending limit on model calls, from its assessment; null when it has none.</summary>
    [Id(20)] public ModelBudget? Budget { get; set; }

    /// <summary>Why no new item starts: the budget was reached. Set once, by the machine.</summary>
    [Id(21)] public string? BudgetStop { get; set; }

    /// <summary>The job's place in the admission queue while segments of it wait for a slot; null otherwise.</summary>
    [Id(22)] public int? QueuePosition { get; set; }

    /// <summary>How the pool got its size, when it was chosen from the command's history.</summary>
    [Id(23)] public PoolChoice? Pool { get; set; }

    /// <summary>The job's items mostly wait rather than compute (from its assessment): its segments take a fraction of a slot.</summary>
    [Id(24)] public bool LatencyBound { get; set; }

    /// <summary>Segments that wait for an admission slot.</summary>
    public int QueuedSegments => Segments.Count(s => s.IsWaitingForSlot);

    /// <summary>What the segments' model calls cost, summed; null when no segment reported any.</summary>
    public ModelUsage? Usage => ModelUsage.Sum(Segments.Select(s => s.Usage));

    /// <summary>True when every segment will not run again.</summary>
    public bool AllSegmentsFinished => Segments.TrueForAll(s => s.IsFinished);

    /// <summary>Items with a result, summed over the segments.</summary>
    public int ItemsDone => Segments.Sum(s => Math.Min(s.ItemsDone, s.Items.Count));

    /// <summary>The segment with this index, if any.</summary>
    public SegmentRecord? Segment(int index) => index >= 0 && index < Segments.Count ? Segments[index] : null;
}
