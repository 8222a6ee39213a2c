using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Models.Usage;

/// <summary>A job's model usage across its items and silos, consulted before an item starts.</summary>
public interface IModelUsageLedger
{
    /// <summary>What the job has spent so far.</summary>
    Task<ModelUsage> GetAsync(string jobId);

    /// <summary>Adds one item's usage (once per item) and returns the job's total.</summary>
    Task<ModelUsage> AddAsync(string jobId, string itemId, ModelUsage usage);
}
