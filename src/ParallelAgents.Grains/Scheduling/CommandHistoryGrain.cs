using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Planning.History;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>
/// The shell around a command's <see cref="DurationHistory"/>, stored in the job storage so what was learned survives
/// restarts. Its size is bounded by <see cref="DurationHistory.MaxKinds"/>. Every job of the command records here when
/// it ends, so the state is written at most once a second (and on deactivation) rather than once per job: a crash
/// loses at most a second of observations, which the next jobs make again.
/// </summary>
public sealed class CommandHistoryGrain(
    [PersistentState("history", Names.JobStorage)] IPersistentState<DurationHistory> state,
    ILogger<CommandHistoryGrain> logger) : Grain, ICommandHistoryGrain
{
    private DeferredWriter _writer = null!;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new DeferredWriter(this, state.WriteStateAsync, AdmissionGrain.WriteDelay, e => Log.HistoryWriteFailed(logger, e, this.GetPrimaryKeyString()));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writer.FlushAsync(reason, cancellationToken);

    /// <inheritdoc />
    public Task<DurationHistory> GetAsync() => Task.FromResult(state.State);

    /// <inheritdoc />
    public Task RecordAsync(RunObservation run)
    {
        state.State.Record(run);
        _writer.Changed();
        return Task.CompletedTask;
    }
}
