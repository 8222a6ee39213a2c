namespace ParallelAgents.Models.Caching;

/// <summary>Where model answers are kept, keyed by a hash; in a cluster, grain storage of the mode.</summary>
public interface IModelResponseStore
{
    /// <summary>The stored answer, or null.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores an answer.</summary>
    Task SetAsync(string key, byte[] value, CancellationToken cancellationToken);
}
