using ParallelAgents.Engine.Planning.History;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>A command's learned item durations and per-instance overhead (key: the command's name).</summary>
[Alias("pa.ICommandHistoryGrain")]
public interface ICommandHistoryGrain : IGrainWithStringKey
{
    /// <summary>The history as it stands.</summary>
    [Alias("Get")]
    Task<DurationHistory> GetAsync();

    /// <summary>Learns from a finished run.</summary>
    [Alias("Record")]
    Task RecordAsync(RunObservation run);
}
