namespace ParallelAgents.Abstractions;

/// <summary>The local pool that executes single work items with the command's executor.</summary>
[Alias("pa.IAgentWorkerGrain")]
public interface IAgentWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Executes one item; item-level problems come back as findings or as <see cref="ItemResult.Error"/>.</summary>
    [Alias("Execute"), ResponseTimeout("1.00:00:00")]
    Task<ItemResult> ExecuteAsync(string jobId, JobSpec spec, WorkItem item, CancellationToken cancellationToken = default);
}
