using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Jobs;

/// <summary>The machine's admission events: slots granted, the queue moved; and the sync every transition may ask for.</summary>
public sealed partial class JobMachine
{
    private (int Waiting, int Held) _told = (-1, -1);
    private bool _resync;

    /// <summary>
    /// The scheduler admitted segments: one silo per slot. The waiting segments take them largest first, each placed on
    /// its slot's silo; a slot the job cannot use (it is stopping, or nothing waits any more) goes back at the next sync.
    /// </summary>
    /// <param name="silos">One silo per granted slot.</param>
    /// <param name="position">The job's place in the queue when segments of it still wait.</param>
    /// <param name="now">The time.</param>
    public IReadOnlyList<JobEffect> Admitted(IReadOnlyList<string> silos, int? position, DateTimeOffset now)
    {
        var waiting = rules.Admission && state.Planned && !state.Status.IsTerminal() && !StopRequested
            ? state.Segments.Where(s => s.IsWaitingForSlot).OrderByDescending(s => s.Cost).ThenBy(s => s.Index).ToList()
            : [];
        var used = Math.Min(silos.Count, waiting.Count);
        for (var i = 0; i < used; i++)
        {
            var segment = waiting[i];
            segment.Slot = silos[i];
            state.DispatchedAt ??= now;
            Send(segment, now);
        }

        _resync |= used < silos.Count;
        state.QueuePosition = waiting.Count > used ? position : null;
        return Drain();
    }

    /// <summary>The job's place in the queue changed.</summary>
    public void QueueMoved(int? position) => state.QueuePosition = state.QueuedSegments > 0 ? position : null;

    // At the end of every transition: finished segments give their slots back, and the scheduler is told whenever the
    // job's view (segments waiting, slots held) changed, or a resync was asked for.
    private void SyncAdmission()
    {
        if (!rules.Admission || !state.Planned)
        {
            return;
        }

        foreach (var segment in state.Segments.Where(s => s.IsFinished && s.Slot is not null))
        {
            segment.Slot = null;
        }

        var waiting = StopRequested || state.Status.IsTerminal() ? 0 : state.QueuedSegments;
        var held = state.Segments.Count(s => s.Slot is not null);
        if (waiting == 0)
        {
            state.QueuePosition = null;
        }

        if ((waiting, held) != _told || _resync)
        {
            _told = (waiting, held);
            _resync = false;
            _effects.Add(new SyncAdmission());
        }
    }
}
