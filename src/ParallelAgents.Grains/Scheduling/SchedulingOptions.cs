using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>How segments are admitted to the silos. Section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Scheduling";

    /// <summary>Segments wait for a slot from the cluster's admission scheduler; off, every job sends all its segments at once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Each command learns its items' durations and its per-instance overhead from finished jobs, and plans with them.</summary>
    public bool LearnFromHistory { get; set; } = true;

    /// <summary>Segments a core takes. 1 never oversubscribes CPU-bound work; a cluster of latency-bound agents may take more.</summary>
    public double SegmentsPerCore { get; set; } = 1;

    /// <summary>Latency-bound segments (items that wait on models or networks) one slot holds.</summary>
    public int LatencyBoundShare { get; set; } = 8;

    /// <summary>A cap on any silo's budget; 0 = none.</summary>
    public int MaxSegmentsPerSilo { get; set; }

    /// <summary>Memory set aside per running segment; 0 = memory is not counted.</summary>
    public long MemoryPerSegmentBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>CPU use, beyond what the silo's own segments explain, above which its budget shrinks.</summary>
    public double CpuPressurePercent { get; set; } = 85;

    /// <summary>Memory use (of the process' limit) above which a silo takes no new segment.</summary>
    public double MemoryPressurePercent { get; set; } = 90;

    /// <summary>Waiting this long raises a job's effective priority by one level; a low job ranks with a fresh critical one after three.</summary>
    public TimeSpan AgeingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo reports its load.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo that has not reported for this long gets no new segment.</summary>
    public TimeSpan SiloExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A job whose coordinator has not been heard of for this long loses its place and its slots.</summary>
    public TimeSpan JobExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The limits these options describe.</summary>
    public SchedulingLimits Limits => new(
        SegmentsPerCore, MaxSegmentsPerSilo, MemoryPerSegmentBytes, CpuPressurePercent, MemoryPressurePercent, AgeingInterval, SiloExpiry, JobExpiry, LatencyBoundShare);
}
