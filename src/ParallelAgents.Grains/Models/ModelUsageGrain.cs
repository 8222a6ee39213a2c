using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Grains.Models;

/// <summary>A job's model usage across its silos, consulted by each item before it starts.</summary>
public sealed class ModelUsageGrain([PersistentState("usage", Names.ModelStorage)] IPersistentState<ModelUsageState> state)
    : Grain, IModelUsageGrain
{
    /// <inheritdoc />
    public Task<ModelUsage> GetAsync() => Task.FromResult(state.State.Total);

    /// <inheritdoc />
    public async Task<ModelUsage> AddAsync(string itemId, ModelUsage usage)
    {
        if (state.State.Items.Add(itemId))
        {
            state.State.Total = state.State.Total.Add(usage);
            await state.WriteStateAsync();
        }

        return state.State.Total;
    }
}
