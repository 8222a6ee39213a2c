namespace ParallelAgents.Abstractions.Models;

/// <summary>A job's model usage, keyed by job id: what its items have spent, checked before each item starts.</summary>
[Alias("pa.IModelUsageGrain")]
public interface IModelUsageGrain : IGrainWithStringKey
{
    /// <summary>Usage so far.</summary>
    [Alias("get")]
    Task<ModelUsage> GetAsync();

    /// <summary>Adds one item's usage; an item recorded before is not counted again.</summary>
    [Alias("add")]
    Task<ModelUsage> AddAsync(string itemId, ModelUsage usage);
}
