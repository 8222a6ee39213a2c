using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace ParallelAgents.Grains.Tests;

/// <summary>
/// Grain storage shared by every silo of an in-process cluster and surviving the death of any of them, like a real
/// storage service; states are stored serialized, with ETags checked on write as Azure Storage does.
/// </summary>
public sealed class SharedGrainStorage(string name, Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> Store = new();

    /// <summary>Writes a new version of a stored state behind the grains' backs, as a second activation would.</summary>
    public static void Rewrite<T>(Serializer serializer, string key, Func<T, T> change)
    {
        lock (Store)
        {
            var (data, _) = Store[key];
            Store[key] = (serializer.SerializeToArray(change(serializer.Deserialize<T>(data)!)), Guid.NewGuid().ToString("N"));
        }
    }

    public static bool Contains(string key) => Store.ContainsKey(key);

    public static T Read<T>(Serializer serializer, string key) => serializer.Deserialize<T>(Store[key].Data)!;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var data = serializer.SerializeToArray(grainState.State);
        lock (Store)
        {
            var current = Store.TryGetValue(key, out var stored) ? stored.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch on {key}", current ?? "", grainState.ETag ?? "");
            }

            Store[key] = (data, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string Key(string stateName, GrainId grainId) => $"{name}/{stateName}/{grainId}";
}
