using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Grains.Models;

/// <summary>One cached answer in the grain storage of the mode, so a rerun or a repeat after a silo died costs nothing.</summary>
public sealed class ModelResponseCacheGrain([PersistentState("answer", Names.ModelStorage)] IPersistentState<ModelAnswerState> state)
    : Grain, IModelResponseCacheGrain
{
    /// <inheritdoc />
    public Task<byte[]?> GetAsync() => Task.FromResult(state.State.Value);

    /// <inheritdoc />
    public async Task SetAsync(byte[] value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}
