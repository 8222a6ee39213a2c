namespace ParallelAgents.Abstractions.Models;

/// <summary>One cached model answer, keyed by the hash of everything that decides it.</summary>
[Alias("pa.IModelResponseCacheGrain")]
public interface IModelResponseCacheGrain : IGrainWithStringKey
{
    /// <summary>The stored answer, or null.</summary>
    [Alias("get")]
    Task<byte[]?> GetAsync();

    /// <summary>Stores the answer.</summary>
    [Alias("set")]
    Task SetAsync(byte[] value);
}
