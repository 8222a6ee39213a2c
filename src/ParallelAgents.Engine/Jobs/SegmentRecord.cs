using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Jobs;

/// <summary>
/// The coordinator's record of one segment: its items, its current attempt and where it runs. Counters mirror the
/// segment's ledger, which only grows; every change goes through a method here.
/// </summary>
[GenerateSerializer, Alias("pa.SegmentRecord")]
public sealed class SegmentRecord
{
    /// <summary>Segment index.</summary>
    [Id(0)] public int Index { get; set; }

    /// <summary>Partition key(s).</summary>
    [Id(1)] public string Key { get; set; } = "";

    /// <summary>Items assigned.</summary>
    [Id(2)] public List<WorkItem> Items { get; set; } = [];

    /// <summary>Planned cost.</summary>
    [Id(3)] public long Cost { get; set; }

    /// <summary>Current state.</summary>
    [Id(4)] public SegmentStatus Status { get; set; }

    /// <summary>Current attempt (fencing token); 0 before the first dispatch.</summary>
    [Id(5)] public int Attempt { get; set; }

    /// <summary>Silo of the current attempt.</summary>
    [Id(6)] public string? Silo { get; set; }

    /// <summary>Every silo that ran an attempt.</summary>
    [Id(7)] public List<string> Silos { get; set; } = [];

    /// <summary>Items with a checkpointed result, as the ledger last reported.</summary>
    [Id(8)] public int ItemsDone { get; set; }

    /// <summary>Items whose result carries an error, as the ledger last reported.</summary>
    [Id(9)] public int ItemErrors { get; set; }

    /// <summary>Time spent running items, as the ledger last reported.</summary>
    [Id(10)] public double BusyMs { get; set; }

    /// <summary>When the first attempt started work.</summary>
    [Id(11)] public DateTimeOffset? FirstStartedAt { get; set; }

    /// <summary>Last sign of life (dispatch, start, progress); the lease counts from it.</summary>
    [Id(12)] public DateTimeOffset? LastProgressAt { get; set; }

    /// <summary>Why attempts failed or moved, for the report.</summary>
    [Id(13)] public List<string> Failures { get; set; } = [];

    /// <summary>Times the segment moved after losing its instance.</summary>
    [Id(14)] public int Reassignments { get; set; }

    /// <summary>Consecutive dispatches that did not complete.</summary>
    [Id(15)] public int DispatchFailures { get; set; }

    /// <summary>Its remaining items run sequentially on the coordinator.</summary>
    [Id(16)] public bool Degraded { get; set; }

    /// <summary>Why the segment failed.</summary>
    [Id(17)] public string? Error { get; set; }

    /// <summary>Attempts that failed with an error (not a lost instance).</summary>
    [Id(18)] public int ErrorFailures { get; set; }

    /// <summary>The current attempt was stopped because its lease expired.</summary>
    [Id(19)] public bool LeaseExpired { get; set; }

    /// <summary>What the ledger's model calls cost, as it last reported; null for commands that call no model.</summary>
    [Id(20)] public ModelUsage? Usage { get; set; }

    /// <summary>
    /// The silo whose admission slot the segment holds (its attempts are placed there); null while it waits for one, and
    /// once it finished and gave it back.
    /// </summary>
    [Id(21)] public string? Slot { get; set; }

    /// <summary>True while the segment waits to be admitted: planned, never sent, no slot.</summary>
    public bool IsWaitingForSlot => Attempt == 0 && Status == SegmentStatus.Pending && Slot is null;

    /// <summary>True once the segment will not run again.</summary>
    public bool IsFinished => Status is SegmentStatus.Completed or SegmentStatus.Failed or SegmentStatus.Cancelled;

    /// <summary>True while an attempt is out (dispatched and not yet answered).</summary>
    public bool IsInFlight => Attempt > 0 && Status is SegmentStatus.Pending or SegmentStatus.Running;

    /// <summary>Opens the next attempt.</summary>
    public int NextAttempt(DateTimeOffset now)
    {
        Attempt++;
        Status = SegmentStatus.Pending;
        LastProgressAt = now;
        LeaseExpired = false;
        return Attempt;
    }

    /// <summary>The attempt started on <paramref name="silo"/>; false when the report is stale.</summary>
    public bool Start(int attempt, string silo, DateTimeOffset now)
    {
        if (attempt != Attempt || IsFinished)
        {
            return false;
        }

        Status = SegmentStatus.Running;
        Silo = silo;
        AddSilo(silo);
        FirstStartedAt ??= now;
        LastProgressAt = now;
        return true;
    }

    /// <summary>
    /// The ledger reports its counts. An older attempt still finishing an item writes to the same ledger, so its counts
    /// are as true as the current attempt's: the ledger only grows, and so do these.
    /// </summary>
    public bool Progress(int attempt, int done, int errors, double busyMs, ModelUsage? usage, DateTimeOffset now)
    {
        if (IsFinished || attempt > Attempt || (attempt < Attempt && done <= ItemsDone))
        {
            return false;
        }

        if (usage is not null && done >= ItemsDone)
        {
            Usage = usage;
        }

        ItemsDone = Math.Max(ItemsDone, Math.Min(done, Items.Count));
        ItemErrors = Math.Max(ItemErrors, errors);
        BusyMs = Math.Max(BusyMs, busyMs);
        LastProgressAt = now;
        return true;
    }

    /// <summary>The current attempt finished every item.</summary>
    public void Complete(SegmentOutcome outcome)
    {
        ItemsDone = Math.Min(outcome.ItemsDone, Items.Count);
        ItemErrors = outcome.ItemErrors;
        Usage = outcome.Usage ?? Usage;
        BusyMs = Math.Max(BusyMs, outcome.BusyMs);
        DispatchFailures = 0;
        if (outcome.Silo is { } silo)
        {
            AddSilo(silo);
        }

        Status = SegmentStatus.Completed;
    }

    /// <summary>The current attempt lost its instance (silo gone, lease expired, stopped).</summary>
    public void Lose(string reason)
    {
        Reassignments++;
        DispatchFailures++;
        Failures.Add($"attempt {Attempt} on {Silo ?? "?"} lost: {reason}");
        Status = SegmentStatus.Reassigned;
    }

    /// <summary>The current attempt failed with an error.</summary>
    public void Fault(string error)
    {
        ErrorFailures++;
        DispatchFailures++;
        Failures.Add($"attempt {Attempt} failed: {error}");
        Status = SegmentStatus.Retrying;
    }

    /// <summary>The attempt that was in flight when the coordinator went away is taken over by <paramref name="silo"/>.</summary>
    public void Interrupt(string silo)
    {
        Attempt = Math.Max(Attempt, 1);
        Reassignments++;
        Failures.Add($"attempt {Attempt} on {Silo ?? "?"} interrupted: the job's coordinator resumed on {silo}");
        Status = SegmentStatus.Reassigned;
    }

    /// <summary>The segment will not run again.</summary>
    public void Fail(string error)
    {
        Status = SegmentStatus.Failed;
        Error = error;
    }

    /// <summary>The segment stops with the job.</summary>
    public void Cancel() => Status = SegmentStatus.Cancelled;

    /// <summary>Its remaining items will run sequentially on <paramref name="silo"/>.</summary>
    public void Degrade(string silo)
    {
        Degraded = true;
        AddSilo(silo);
    }

    /// <summary>True when the in-flight attempt has shown no sign of life for longer than <paramref name="lease"/>.</summary>
    public bool ExpireLease(DateTimeOffset now, TimeSpan lease)
    {
        if (!IsInFlight || Degraded || LeaseExpired || LastProgressAt is not { } last || now - last <= lease)
        {
            return false;
        }

        LeaseExpired = true;
        LastProgressAt = now;
        return true;
    }

    private void AddSilo(string silo)
    {
        if (!Silos.Contains(silo))
        {
            Silos.Add(silo);
        }
    }
}
