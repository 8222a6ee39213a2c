namespace ParallelAgents.Engine.Scheduling;

/// <summary>What a silo reports about itself to the admission scheduler.</summary>
/// <param name="Silo">The silo's address, in Orleans' parsable form.</param>
/// <param name="Cores">Processors the silo's process may use.</param>
/// <param name="CpuPercent">System CPU use, 0–100 (Orleans' filtered figure).</param>
/// <param name="MemoryUsedBytes">Memory the process uses.</param>
/// <param name="MemoryAvailableBytes">Memory still available to the process.</param>
/// <param name="MemoryLimitBytes">Most memory the process may use (its container's limit or the GC's high-load threshold); 0 = unknown.</param>
/// <param name="ReportedAt">When it was measured.</param>
[GenerateSerializer, Immutable, Alias("pa.SiloCapacity")]
public sealed record SiloCapacity(
    string Silo, int Cores, double CpuPercent, long MemoryUsedBytes, long MemoryAvailableBytes, long MemoryLimitBytes, DateTimeOffset ReportedAt);
