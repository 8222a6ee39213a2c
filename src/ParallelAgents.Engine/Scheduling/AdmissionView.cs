using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Scheduling;

/// <summary>The admission scheduler as it stands: the queue, the silos' budgets and the scaling signal.</summary>
/// <param name="QueuedSegments">Segments waiting for a slot.</param>
/// <param name="QueuedItems">Work items in them: the signal a scale rule follows.</param>
/// <param name="Queue">The waiting jobs, the next to start first.</param>
/// <param name="Silos">Each live silo's budget and use.</param>
[GenerateSerializer, Immutable, Alias("pa.AdmissionView")]
public sealed record AdmissionView(int QueuedSegments, int QueuedItems, IReadOnlyList<QueueEntry> Queue, IReadOnlyList<SiloLoad> Silos)
{
    /// <summary>The view of a scheduler's state at <paramref name="now"/>.</summary>
    public static AdmissionView Of(AdmissionScheduler scheduler, DateTimeOffset now)
    {
        var used = scheduler.Used();
        var budgets = scheduler.Budgets();
        var queue = scheduler.Queue(now);
        return new AdmissionView(
            scheduler.QueuedSegments,
            scheduler.QueuedItems,
            [.. queue.Select((j, i) => new QueueEntry(j.JobId, j.Priority, i + 1, j.Waiting + j.Offered.Count, j.WaitingItems, j.Held.Values.Sum(), Math.Round(scheduler.EffectivePriority(j, now), 3)))],
            [.. scheduler.State.Silos.Values.OrderBy(s => s.Silo, StringComparer.Ordinal).Select(s => new SiloLoad(
                s.Silo, s.Cores, Math.Round(s.CpuPercent, 1), budgets.GetValueOrDefault(s.Silo), Math.Round(used.GetValueOrDefault(s.Silo), 3), s.ReportedAt))]);
    }
}

/// <summary>A waiting job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Position">Its place (1 = next).</param>
/// <param name="WaitingSegments">Segments of it waiting.</param>
/// <param name="WaitingItems">Items in them.</param>
/// <param name="HeldSlots">Slots it holds already.</param>
/// <param name="EffectivePriority">Its rank plus the ageing levels it gained.</param>
[GenerateSerializer, Immutable, Alias("pa.QueueEntry")]
public sealed record QueueEntry(string JobId, JobPriority Priority, int Position, int WaitingSegments, int WaitingItems, int HeldSlots, double EffectivePriority);

/// <summary>A silo's budget and use.</summary>
/// <param name="Silo">The silo.</param>
/// <param name="Cores">Its cores.</param>
/// <param name="CpuPercent">Its CPU use at its last report.</param>
/// <param name="Budget">Segments it takes at that load.</param>
/// <param name="Running">Slots admitted to it (latency-bound segments by their share).</param>
/// <param name="ReportedAt">Its last report.</param>
[GenerateSerializer, Immutable, Alias("pa.SiloLoad")]
public sealed record SiloLoad(string Silo, int Cores, double CpuPercent, int Budget, double Running, DateTimeOffset ReportedAt);
