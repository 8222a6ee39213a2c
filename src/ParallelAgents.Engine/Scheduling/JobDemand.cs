using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Scheduling;

/// <summary>
/// A coordinator's whole view of its job's admission: its priority, how many segments wait for a slot and which slots
/// it holds. Every message is the full view, so a repeated or late one corrects the scheduler rather than skewing it.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="QueuedAt">When its wait began (its submission): ageing counts from here.</param>
/// <param name="Waiting">Segments planned and not yet admitted.</param>
/// <param name="WaitingItems">Work items in those segments.</param>
/// <param name="Held">Slots it holds, by silo: admitted segments that have not finished.</param>
/// <param name="LatencyBound">Its segments mostly wait rather than compute, and take a fraction of a slot.</param>
[GenerateSerializer, Immutable, Alias("pa.JobDemand")]
public sealed record JobDemand(
    string JobId, JobPriority Priority, DateTimeOffset QueuedAt, int Waiting, int WaitingItems, IReadOnlyDictionary<string, int> Held, bool LatencyBound = false);
