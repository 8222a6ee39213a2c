using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Engine.Tests.Scheduling;

/// <summary>The cluster's admission: ordering, ageing, per-silo budgets, positions, healing views.</summary>
public sealed class AdmissionSchedulerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SchedulingLimits Limits = SchedulingLimits.Default with { AgeingInterval = TimeSpan.FromSeconds(30), MemoryPerSegmentBytes = 0 };

    [Fact]
    public void Free_slots_go_out_at_once_spread_over_the_emptiest_silos()
    {
        var scheduler = Cluster(("a", 2), ("b", 2));
        var (answer, _) = scheduler.Sync(Demand("j1", JobPriority.Normal, T0, waiting: 3), T0);
        Assert.Equal(3, answer.Granted.Count);
        Assert.Equal(2, answer.Granted.Distinct().Count());
        Assert.Null(answer.Position);
        Assert.Equal(3, scheduler.Used().Values.Sum());
    }

    [Fact]
    public void When_the_cluster_is_saturated_higher_priorities_start_first_and_the_rest_wait_in_order()
    {
        var scheduler = Cluster(("a", 1));
        Assert.Single(scheduler.Sync(Demand("running", JobPriority.Low, T0, waiting: 1), T0).Answer.Granted);

        var low = scheduler.Sync(Demand("low", JobPriority.Low, T0.AddSeconds(1), waiting: 1), T0.AddSeconds(1)).Answer;
        var normal = scheduler.Sync(Demand("normal", JobPriority.Normal, T0.AddSeconds(2), waiting: 1), T0.AddSeconds(2)).Answer;
        var (critical, notices) = scheduler.Sync(Demand("critical", JobPriority.Critical, T0.AddSeconds(3), waiting: 1), T0.AddSeconds(3));
        Assert.Empty(low.Granted);
        Assert.Equal(1, low.Position);
        Assert.Equal(1, normal.Position);
        Assert.Equal(1, critical.Position);
        Assert.Contains(new AdmissionNotice("normal", 2, false), notices);
        Assert.Contains(new AdmissionNotice("low", 3, false), notices);

        // The running job finishes: its slot goes to the critical job, which is told to come for it.
        var (_, freed) = scheduler.Sync(Demand("running", JobPriority.Low, T0, waiting: 0), T0.AddSeconds(4));
        Assert.Contains(new AdmissionNotice("critical", null, true), freed);
        Assert.Contains(new AdmissionNotice("normal", 1, false), freed);
        var taken = scheduler.Sync(Demand("critical", JobPriority.Critical, T0.AddSeconds(3), waiting: 1), T0.AddSeconds(5)).Answer;
        Assert.Equal(["a"], taken.Granted);
        Assert.Equal(["normal", "low"], scheduler.Queue(T0.AddSeconds(5)).Select(j => j.JobId));
    }

    [Fact]
    public void Waiting_raises_a_jobs_effective_priority_so_an_old_low_job_goes_before_a_new_critical_one()
    {
        var scheduler = Cluster(("a", 1));
        scheduler.Sync(Demand("running", JobPriority.Normal, T0, waiting: 1), T0);
        scheduler.Sync(Demand("old-low", JobPriority.Low, T0, waiting: 1), T0);

        // A critical job submitted just under three ageing intervals later still goes first ...
        var early = T0 + (3 * Limits.AgeingInterval) - TimeSpan.FromSeconds(1);
        scheduler.Sync(Demand("critical-early", JobPriority.Critical, early, waiting: 1), early);
        Assert.Equal("critical-early", scheduler.Queue(early).First().JobId);

        // ... one submitted after that does not: the low job has aged past it.
        var late = T0 + (3 * Limits.AgeingInterval) + TimeSpan.FromSeconds(1);
        scheduler.Sync(Demand("critical-late", JobPriority.Critical, late, waiting: 1), late);
        Assert.Equal(["critical-early", "old-low", "critical-late"], scheduler.Queue(late).Select(j => j.JobId));
    }

    [Fact]
    public void Starvation_is_bounded_a_low_job_is_overtaken_only_by_jobs_within_three_ageing_intervals_of_it()
    {
        // One slot, and a critical job arriving every ten seconds, each running ten seconds: the low job still starts,
        // and every job that went before it was submitted less than three ageing intervals after it.
        var scheduler = Cluster(("a", 1));
        var queued = new Dictionary<string, (JobPriority Priority, DateTimeOffset At)> { ["blocker"] = (JobPriority.Normal, T0), ["low"] = (JobPriority.Low, T0) };
        Assert.Single(scheduler.Sync(Demand("blocker", JobPriority.Normal, T0, waiting: 1), T0).Answer.Granted);
        Assert.Empty(scheduler.Sync(Demand("low", JobPriority.Low, T0, waiting: 1), T0).Answer.Granted);
        var running = "blocker";
        var wentFirst = new List<DateTimeOffset>();
        DateTimeOffset? lowStarted = null;
        for (var tick = 1; tick <= 60 && lowStarted is null; tick++)
        {
            var now = T0.AddSeconds(10 * tick);
            scheduler.Report(new SiloCapacity("a", 1, 10, 0, long.MaxValue / 2, 0, now), now);
            var id = $"c{tick}";
            queued[id] = (JobPriority.Critical, now);
            Assert.Empty(scheduler.Sync(Demand(id, JobPriority.Critical, now, waiting: 1), now).Answer.Granted);

            // The running job ends; the head of the queue takes its slot.
            scheduler.Sync(Demand(running, queued[running].Priority, queued[running].At, waiting: 0), now);
            var next = scheduler.Queue(now)[0].JobId;
            Assert.Single(scheduler.Sync(Demand(next, queued[next].Priority, queued[next].At, waiting: 1), now).Answer.Granted);
            running = next;
            if (next == "low")
            {
                lowStarted = now;
            }
            else
            {
                wentFirst.Add(queued[next].At);
            }
        }

        Assert.NotNull(lowStarted);
        Assert.NotEmpty(wentFirst);
        Assert.All(wentFirst, at => Assert.True(at - T0 < 3 * Limits.AgeingInterval, $"a job submitted at +{(at - T0).TotalSeconds} s went first"));
    }

    [Fact]
    public void The_first_job_that_cannot_get_all_it_waits_for_stops_the_hand_out()
    {
        var scheduler = Cluster(("a", 2));
        scheduler.Sync(Demand("big", JobPriority.High, T0, waiting: 5), T0);
        var small = scheduler.Sync(Demand("small", JobPriority.Low, T0, waiting: 1), T0).Answer;
        Assert.Empty(small.Granted);
        Assert.Equal(2, small.Position);
    }

    [Fact]
    public void A_repeated_view_corrects_the_scheduler_instead_of_counting_twice()
    {
        var scheduler = Cluster(("a", 2));
        var first = scheduler.Sync(Demand("j", JobPriority.Normal, T0, waiting: 2), T0).Answer;
        Assert.Equal(2, first.Granted.Count);

        // The coordinator never saw that answer (it restarted): it sends its view again, still waiting for two.
        var again = scheduler.Sync(Demand("j", JobPriority.Normal, T0, waiting: 2), T0.AddSeconds(1)).Answer;
        Assert.Equal(2, again.Granted.Count);
        Assert.Equal(2, scheduler.Used()["a"]);
    }

    [Fact]
    public void A_silo_that_stops_reporting_and_a_job_that_goes_silent_lose_their_slots()
    {
        var scheduler = Cluster(("a", 1), ("b", 1));
        scheduler.Sync(Demand("j", JobPriority.Normal, T0, waiting: 2), T0);
        var later = T0 + Limits.SiloExpiry + TimeSpan.FromSeconds(1);
        scheduler.Report(new SiloCapacity("a", 1, 10, 0, long.MaxValue / 2, 0, later), later);
        Assert.Equal(["a"], scheduler.Budgets().Keys);

        var silent = T0 + Limits.JobExpiry + TimeSpan.FromSeconds(1);
        scheduler.Report(new SiloCapacity("a", 1, 10, 0, long.MaxValue / 2, 0, silent), silent);
        Assert.Empty(scheduler.State.Jobs);
    }

    [Fact]
    public void An_idle_cluster_under_outside_pressure_still_runs_one_segment()
    {
        var scheduler = new AdmissionScheduler(new AdmissionState(), Limits);
        scheduler.Report(new SiloCapacity("a", 2, 99, 0, long.MaxValue / 2, 0, T0), T0);
        scheduler.Report(new SiloCapacity("b", 2, 97, 0, long.MaxValue / 2, 0, T0), T0);
        var answer = scheduler.Sync(Demand("j", JobPriority.Normal, T0, waiting: 3), T0).Answer;
        Assert.Equal(["b"], answer.Granted);
        Assert.Equal(1, answer.Position);
    }

    [Fact]
    public void Latency_bound_segments_take_a_share_of_a_slot_so_a_silo_runs_many_more_of_them_than_it_has_cores()
    {
        var scheduler = Cluster(("a", 2));
        var waiting = scheduler.Sync(Demand("agents", JobPriority.Normal, T0, waiting: 17) with { LatencyBound = true }, T0).Answer;
        Assert.Equal(2 * Limits.LatencyBoundShare, waiting.Granted.Count);
        Assert.Equal(1, waiting.Position);
        Assert.Equal(2, scheduler.Used()["a"], 6);

        // The CPU-bound job behind it gets no core until one is free.
        Assert.Empty(scheduler.Sync(Demand("cpu", JobPriority.Normal, T0, waiting: 1), T0).Answer.Granted);
    }

    [Fact]
    public void Queued_items_and_segments_are_counted_for_the_scaling_signal()
    {
        var scheduler = Cluster(("a", 1));
        scheduler.Sync(Demand("j1", JobPriority.Normal, T0, waiting: 1, items: 10), T0);
        scheduler.Sync(Demand("j2", JobPriority.Normal, T0, waiting: 3, items: 30), T0);
        Assert.Equal(3, scheduler.QueuedSegments);
        Assert.Equal(30, scheduler.QueuedItems);
    }

    [Fact]
    public void A_start_at_the_head_tells_the_head_at_once_and_the_jobs_further_back_at_most_once_a_second()
    {
        var scheduler = Cluster(("a", 1));
        scheduler.Sync(Demand("running", JobPriority.Normal, T0, waiting: 1), T0);
        var ids = Enumerable.Range(0, 40).Select(i => $"q{i:00}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var at = T0.AddMilliseconds(i + 1);
            Assert.Equal(i + 1, scheduler.Sync(Demand(id, JobPriority.Normal, at, waiting: 1), at).Answer.Position);
        }

        // The running job ends: the first in the queue is offered its slot and everyone behind moves up one place.
        var (_, moved) = scheduler.Sync(Demand("running", JobPriority.Normal, T0, waiting: 0), T0.AddMilliseconds(100));
        Assert.Contains(new AdmissionNotice("q00", null, true), moved);
        Assert.Equal(
            Enumerable.Range(1, AdmissionScheduler.ExactPositions).Select(p => new AdmissionNotice(ids[p], p, false)),
            moved.Where(n => !n.Offered).OrderBy(n => n.Position));

        // Within the interval nothing more is said to the rest; once it has passed, the next hand-out tells each its place.
        Assert.Empty(scheduler.Refresh(T0.AddMilliseconds(500)));
        var later = scheduler.Refresh(T0.AddSeconds(2));
        Assert.Equal(
            Enumerable.Range(AdmissionScheduler.ExactPositions + 1, 40 - AdmissionScheduler.ExactPositions - 1).Select(p => new AdmissionNotice(ids[p], p, false)),
            later.OrderBy(n => n.Position));
        Assert.Equal(20, scheduler.Position("q20", T0.AddSeconds(2)));
    }

    private static AdmissionScheduler Cluster(params (string Silo, int Cores)[] silos)
    {
        var scheduler = new AdmissionScheduler(new AdmissionState(), Limits);
        foreach (var (silo, cores) in silos)
        {
            scheduler.Report(new SiloCapacity(silo, cores, 10, 0, long.MaxValue / 2, 0, T0), T0);
        }

        return scheduler;
    }

    private static JobDemand Demand(string id, JobPriority priority, DateTimeOffset queuedAt, int waiting, int items = 0) =>
        new(id, priority, queuedAt, waiting, items, new Dictionary<string, int>());
}
