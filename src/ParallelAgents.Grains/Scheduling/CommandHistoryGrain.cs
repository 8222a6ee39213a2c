using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Planning.History;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// The shell around a command's <see cref="DurationHistory"/>, stored in the job storage so what was learned survives
/// restarts. Its size is bounded by <see cref="DurationHistory.MaxKinds"/>.
/// </summary>
public sealed class CommandHistoryGrain([PersistentState("history", Names.JobStorage)] IPersistentState<DurationHistory> state) : Grain, ICommandHistoryGrain
{
    /// <inheritdoc />
    public Task<DurationHistory> GetAsync() => Task.FromResult(state.State);

    /// <inheritdoc />
    public async Task RecordAsync(RunObservation run)
    {
        state.State.Record(run);
        await state.WriteStateAsync();
    }
}
