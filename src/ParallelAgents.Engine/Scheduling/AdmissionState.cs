namespace ParallelAgents.Engine.Scheduling;

/// <summary>The admission scheduler's persisted state: the silos' last reports and every job that waits or holds slots.</summary>
[GenerateSerializer, Alias("pa.AdmissionState")]
public sealed class AdmissionState
{
    /// <summary>Each silo's last report, by silo.</summary>
    [Id(0)] public Dictionary<string, SiloCapacity> Silos { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Jobs that wait or hold slots, by job id.</summary>
    [Id(1)] public Dictionary<string, QueuedJob> Jobs { get; set; } = new(StringComparer.Ordinal);
}
