using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Jobs;

/// <summary>The CommandGrain's persisted record of one segment.</summary>
[GenerateSerializer, Alias("pa.SegmentRecord")]
public sealed class SegmentRecord
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public string Key { get; set; } = "";
    [Id(2)] public List<WorkItem> Items { get; set; } = [];
    [Id(3)] public long Cost { get; set; }
    [Id(4)] public SegmentStatus Status { get; set; }
    [Id(5)] public int Attempt { get; set; }
    [Id(6)] public string? Silo { get; set; }
    [Id(7)] public List<string> Silos { get; set; } = [];
    [Id(8)] public int ItemsDone { get; set; }
    [Id(9)] public int ItemErrors { get; set; }
    [Id(10)] public double BusyMs { get; set; }
    [Id(11)] public DateTimeOffset? FirstStartedAt { get; set; }
    [Id(12)] public DateTimeOffset? LastProgressAt { get; set; }
    [Id(13)] public List<string> Failures { get; set; } = [];
    [Id(14)] public int Reassignments { get; set; }
    [Id(15)] public int DispatchFailures { get; set; }
    [Id(16)] public bool Degraded { get; set; }
    [Id(17)] public string? Error { get; set; }
    [Id(18)] public int ErrorFailures { get; set; }

    /// <summary>True once the segment will not run again.</summary>
    public bool IsFinished => Status is SegmentStatus.Completed or SegmentStatus.Failed or SegmentStatus.Cancelled;
}
