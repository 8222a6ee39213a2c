namespace ParallelAgents.Engine.Scheduling;

/// <summary>
/// The cluster's admission of segments: every silo has a budget of running segments (<see cref="SiloBudget"/>); jobs
/// whose segments wait are queued by effective priority — their rank (low 0 … critical 3) plus the time waited in
/// ageing intervals — then by submission; free slots go to the queue in that order, and the first job that cannot
/// get all it waits for stops the hand-out, so nothing behind it jumps ahead.
/// </summary>
/// <remarks>
/// Starvation is bounded: a job of rank <c>r</c> that began waiting at <c>t</c> can only be overtaken by jobs that
/// began waiting before <c>t + (3 − r) × AgeingInterval</c> (a later one's effective priority stays below its own),
/// so a low job is passed by at most the jobs submitted within three ageing intervals after it, and then starts as soon
/// as those have their slots.
/// </remarks>
/// <param name="state">The state; the scheduler is its only writer.</param>
/// <param name="limits">Budgets and ageing.</param>
public sealed class AdmissionScheduler(AdmissionState state, SchedulingLimits limits)
{
    /// <summary>Places at the head of the queue whose every change is told at once.</summary>
    public const int ExactPositions = 8;

    /// <summary>
    /// How often a job further back is told of its place. Every start at the head moves everyone behind it, so telling
    /// each change would cost a notice per waiting job per start (quadratic in the queue); at most one a second per
    /// job keeps a deep queue's cost linear, and the coordinator's own syncs carry its exact place in between.
    /// </summary>
    public static readonly TimeSpan PositionNoticeInterval = TimeSpan.FromSeconds(1);

    /// <summary>The state the scheduler changes.</summary>
    public AdmissionState State => state;

    /// <summary>A job's rank plus one level per ageing interval waited.</summary>
    public double EffectivePriority(QueuedJob job, DateTimeOffset now) =>
        Priorities.Rank(job.Priority) + Math.Max(0, (now - job.QueuedAt).Ticks) / (double)Math.Max(1, limits.AgeingInterval.Ticks);

    /// <summary>The jobs with waiting segments, the next to start first.</summary>
    public IReadOnlyList<QueuedJob> Queue(DateTimeOffset now) =>
        [.. state.Jobs.Values
            .Where(j => j.IsWaiting)
            .OrderByDescending(j => EffectivePriority(j, now))
            .ThenBy(j => j.QueuedAt)
            .ThenBy(j => j.JobId, StringComparer.Ordinal)];

    /// <summary>Segments waiting for a slot, summed over the queue (offers not yet taken included).</summary>
    public int QueuedSegments => state.Jobs.Values.Sum(j => j.Waiting + j.Offered.Count);

    /// <summary>Work items in the waiting segments.</summary>
    public int QueuedItems => state.Jobs.Values.Where(j => j.IsWaiting).Sum(j => j.WaitingItems);

    /// <summary>The share of a slot one segment of the job takes: 1, or <c>1 / LatencyBoundShare</c> for latency-bound work.</summary>
    public double Weight(QueuedJob job) => job.LatencyBound ? 1.0 / Math.Max(1, limits.LatencyBoundShare) : 1;

    /// <summary>Each live silo's budget at its current load.</summary>
    public IReadOnlyDictionary<string, int> Budgets()
    {
        var used = Used();
        return state.Silos.Values.ToDictionary(s => s.Silo, s => SiloBudget.Of(s, used.GetValueOrDefault(s.Silo), limits), StringComparer.Ordinal);
    }

    /// <summary>Slots in use (held or set aside) per silo, latency-bound segments by their share.</summary>
    public Dictionary<string, double> Used()
    {
        var used = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var job in state.Jobs.Values)
        {
            var weight = Weight(job);
            foreach (var (silo, n) in job.Held)
            {
                used[silo] = used.GetValueOrDefault(silo) + (n * weight);
            }

            foreach (var silo in job.Offered)
            {
                used[silo] = used.GetValueOrDefault(silo) + weight;
            }
        }

        return used;
    }

    /// <summary>
    /// A coordinator's demand: the scheduler takes its view as the truth (what it holds, what waits), hands out free
    /// slots in queue order, and answers with what this job may start now and its place in the queue; the notices are
    /// for the other jobs whose place changed or that were offered slots.
    /// </summary>
    public (AdmissionAnswer Answer, IReadOnlyList<AdmissionNotice> Notices) Sync(JobDemand demand, DateTimeOffset now)
    {
        var held = demand.Held.Where(h => h.Value > 0).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        if (demand.Waiting <= 0 && held.Count == 0)
        {
            state.Jobs.Remove(demand.JobId);
            return (new AdmissionAnswer([], null), Admit(now, demand.JobId));
        }

        if (!state.Jobs.TryGetValue(demand.JobId, out var job))
        {
            job = new QueuedJob { JobId = demand.JobId };
            state.Jobs[demand.JobId] = job;
        }

        job.Priority = demand.Priority;
        job.LatencyBound = demand.LatencyBound;
        job.QueuedAt = demand.QueuedAt;
        job.Waiting = Math.Max(0, demand.Waiting);
        job.WaitingItems = Math.Max(0, demand.WaitingItems);
        job.Held = held;
        job.LastSeen = now;
        // What was set aside before is released with this view and handed out again in queue order below.
        job.Offered.Clear();
        var notices = Admit(now, demand.JobId);
        var granted = job.Offered.ToArray();
        foreach (var silo in granted)
        {
            job.Held[silo] = job.Held.GetValueOrDefault(silo) + 1;
        }

        job.Offered.Clear();
        job.ToldPosition = job.Waiting > 0 ? Position(job.JobId, now) : null;
        job.ToldAt = now;
        return (new AdmissionAnswer(granted, job.ToldPosition), notices);
    }

    /// <summary>A silo's report: its budget follows its load, and freed slots go to the queue.</summary>
    public IReadOnlyList<AdmissionNotice> Report(SiloCapacity silo, DateTimeOffset now)
    {
        state.Silos[silo.Silo] = silo;
        return Admit(now, null);
    }

    /// <summary>Re-runs the hand-out (silos and jobs that went silent are dropped first).</summary>
    public IReadOnlyList<AdmissionNotice> Refresh(DateTimeOffset now) => Admit(now, null);

    /// <summary>The job's place among the waiting jobs (1 = next), or null when nothing of it waits.</summary>
    public int? Position(string jobId, DateTimeOffset now)
    {
        var queue = Queue(now).Where(j => j.Waiting > 0).ToList();
        var index = queue.FindIndex(j => j.JobId == jobId);
        return index < 0 ? null : index + 1;
    }

    private List<AdmissionNotice> Admit(DateTimeOffset now, string? asking)
    {
        Expire(now);
        var used = Used();
        var free = state.Silos.Values.ToDictionary(
            s => s.Silo, s => SiloBudget.Of(s, used.GetValueOrDefault(s.Silo), limits) - used.GetValueOrDefault(s.Silo), StringComparer.Ordinal);

        // Progress whatever the load: an idle cluster whose silos all report pressure still runs one segment, on the
        // least busy silo, so no job waits for pressure from outside to end.
        if (used.Values.Sum() <= 0 && free.Count > 0 && free.Values.All(f => f < 1))
        {
            var calmest = state.Silos.Values.OrderBy(s => s.CpuPercent).ThenBy(s => s.Silo, StringComparer.Ordinal).First();
            free[calmest.Silo] = 1;
        }

        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in Queue(now))
        {
            var weight = Weight(job);
            while (job.Waiting > 0 && Emptiest(free, weight) is { } silo)
            {
                job.Offered.Add(silo);
                job.Waiting--;
                free[silo] -= weight;
                offered.Add(job.JobId);
            }

            if (job.Waiting > 0)
            {
                break;
            }
        }

        var notices = new List<AdmissionNotice>();
        var position = 0;
        foreach (var job in Queue(now))
        {
            int? place = job.Waiting > 0 ? ++position : null;
            var offer = offered.Contains(job.JobId);
            if (job.JobId == asking || (!offer && (place == job.ToldPosition || !WorthTelling(job, place, now))))
            {
                continue;
            }

            job.ToldPosition = place;
            job.ToldAt = now;
            notices.Add(new AdmissionNotice(job.JobId, place, offer));
        }

        return notices;
    }

    // A job starting or ending its wait, or near the head, hears of it at once; one further back at most once a
    // PositionNoticeInterval.
    private static bool WorthTelling(QueuedJob job, int? place, DateTimeOffset now) =>
        place is null || job.ToldPosition is null || place <= ExactPositions || now - job.ToldAt >= PositionNoticeInterval;

    // The silo with the most free room that holds one more segment of this weight; ties go to the first by name, so
    // the same state gives the same answer.
    private static string? Emptiest(Dictionary<string, double> free, double weight)
    {
        string? best = null;
        foreach (var (silo, n) in free.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (n >= weight - 1e-9 && (best is null || n > free[best] + 1e-9))
            {
                best = silo;
            }
        }

        return best;
    }

    private void Expire(DateTimeOffset now)
    {
        foreach (var silo in state.Silos.Values.Where(s => now - s.ReportedAt > limits.SiloExpiry).ToList())
        {
            state.Silos.Remove(silo.Silo);
        }

        foreach (var job in state.Jobs.Values.Where(j => now - j.LastSeen > limits.JobExpiry).ToList())
        {
            state.Jobs.Remove(job.JobId);
        }
    }
}
