using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>The cluster's admission scheduler; one per cluster (key 0).</summary>
[Alias("pa.IAdmissionGrain")]
public interface IAdmissionGrain : IGrainWithIntegerKey
{
    /// <summary>A coordinator's whole view of its job; the answer is what it may start now and its place in the queue.</summary>
    [Alias("Sync")]
    Task<AdmissionAnswer> SyncAsync(JobDemand demand);

    /// <summary>A silo's periodic report of its cores, CPU and memory.</summary>
    [Alias("Report")]
    Task ReportAsync(SiloCapacity silo);

    /// <summary>The queue, the silos' budgets and the queued work.</summary>
    [Alias("View")]
    Task<AdmissionView> GetViewAsync();
}
