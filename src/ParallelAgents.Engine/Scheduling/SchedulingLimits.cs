namespace ParallelAgents.Engine.Scheduling;

/// <summary>What a silo's budget of running segments is made of, and how waiting jobs age.</summary>
/// <param name="SegmentsPerCore">Segments a core takes. A segment runs its items one after another, so 1 never oversubscribes CPU-bound work.</param>
/// <param name="MaxSegmentsPerSilo">A cap on any silo's budget; 0 = none.</param>
/// <param name="MemoryPerSegmentBytes">Memory set aside per running segment; the budget never promises more than is available. 0 = not counted.</param>
/// <param name="CpuPressurePercent">CPU use (not explained by the silo's own segments) above which the budget shrinks.</param>
/// <param name="MemoryPressurePercent">Memory use above which a silo takes no new segment.</param>
/// <param name="AgeingInterval">Waiting this long raises a job's effective priority by one level.</param>
/// <param name="SiloExpiry">A silo that has not reported for this long has no budget.</param>
/// <param name="LatencyBoundShare">Latency-bound segments one slot holds (their items wait on models or networks, not on a core).</param>
/// <param name="JobExpiry">A job whose coordinator has not sent its demand for this long is dropped, and its slots with it.</param>
public sealed record SchedulingLimits(
    double SegmentsPerCore,
    int MaxSegmentsPerSilo,
    long MemoryPerSegmentBytes,
    double CpuPressurePercent,
    double MemoryPressurePercent,
    TimeSpan AgeingInterval,
    TimeSpan SiloExpiry,
    TimeSpan JobExpiry,
    int LatencyBoundShare = 8)
{
    /// <summary>The service's defaults.</summary>
    public static SchedulingLimits Default { get; } = new(1, 0, 256L * 1024 * 1024, 85, 90, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
}
