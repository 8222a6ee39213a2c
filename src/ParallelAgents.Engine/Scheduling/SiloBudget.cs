namespace ParallelAgents.Engine.Scheduling;

/// <summary>How many segments a silo may run at once: from its cores and memory, lowered under pressure.</summary>
public static class SiloBudget
{
    /// <summary>
    /// <c>cores × SegmentsPerCore</c> (at least 1, at most <c>MaxSegmentsPerSilo</c>), no more than the available
    /// memory holds at <c>MemoryPerSegmentBytes</c> each; CPU use that the silo's own <paramref name="running"/> segments
    /// do not explain counts as other load: above <c>CpuPressurePercent</c> the cores it takes are taken off the
    /// budget; above <c>MemoryPressurePercent</c> of its limit the silo takes nothing new. Never more segments than
    /// cores at one segment per core, so CPU-bound work is never oversubscribed.
    /// </summary>
    /// <param name="silo">The silo's last report.</param>
    /// <param name="running">Slots the scheduler has admitted to it and not yet seen released (latency-bound segments by their share).</param>
    /// <param name="limits">The limits.</param>
    public static int Of(SiloCapacity silo, double running, SchedulingLimits limits)
    {
        var cores = Math.Max(1, silo.Cores);
        var budget = Math.Max(1, (int)Math.Floor(cores * limits.SegmentsPerCore));
        if (limits.MaxSegmentsPerSilo > 0)
        {
            budget = Math.Min(budget, limits.MaxSegmentsPerSilo);
        }

        if (limits.MemoryPerSegmentBytes > 0)
        {
            // What the running segments hold is already out of the available memory: they keep their share.
            var memory = Math.Max(0, silo.MemoryAvailableBytes) / limits.MemoryPerSegmentBytes;
            budget = (int)Math.Min(budget, memory + Math.Ceiling(Math.Max(0, running)));
        }

        if (silo.MemoryLimitBytes > 0 && 100.0 * silo.MemoryUsedBytes / silo.MemoryLimitBytes > limits.MemoryPressurePercent)
        {
            return 0;
        }

        if (silo.CpuPercent > limits.CpuPressurePercent)
        {
            // Busy with its own segments is not pressure; the cores something else keeps busy are not ours to promise.
            var own = Math.Min(100, 100.0 * Math.Max(0, running) / (cores * Math.Max(1, limits.SegmentsPerCore)));
            var other = Math.Clamp(silo.CpuPercent - own, 0, 100);
            var free = cores * (100 - other) / 100;
            budget = Math.Min(budget, (int)Math.Floor(free * limits.SegmentsPerCore));
        }

        return Math.Max(0, budget);
    }
}
