namespace ParallelAgents.Abstractions;

/// <summary>A cross-command run: several jobs on one workspace, started together and reported together. Key: run id.</summary>
[Alias("pa.IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Pins the workspace once, stores the run and submits its jobs (all with the pinned workspace, concurrently).
    /// A repeat for a run already stored submits nothing new and answers the stored record.
    /// </summary>
    [Alias("Start")]
    Task<RunRecord> StartAsync(IReadOnlyList<JobSpec> jobs);

    /// <summary>The run's record; null when no run has this id.</summary>
    [Alias("Get")]
    Task<RunRecord?> GetAsync();
}
