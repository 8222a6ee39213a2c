namespace ParallelAgents.Engine.Scheduling;

/// <summary>
/// What a scale rule reads from <c>GET /api/scaling</c>: the work waiting for a slot anywhere in the cluster and the
/// slots in use, as the admission scheduler counts them.
/// </summary>
/// <param name="QueuedItems">Work items in the segments waiting for a slot: the figure the silos' queue rule follows.</param>
/// <param name="QueuedSegments">Segments waiting for a slot (offers not yet taken included).</param>
/// <param name="RunningSlots">Slots held or set aside on the silos (latency-bound segments by their share).</param>
/// <param name="Silos">Silos whose load reports the scheduler holds (a silo silent for <c>Scheduling:SiloExpiry</c> is dropped).</param>
public sealed record ScalingSignal(int QueuedItems, int QueuedSegments, double RunningSlots, int Silos)
{
    /// <summary>The signal in a scheduler's view.</summary>
    public static ScalingSignal Of(AdmissionView view) =>
        new(view.QueuedItems, view.QueuedSegments, Math.Round(view.Silos.Sum(s => s.Running), 3), view.Silos.Count);
}
