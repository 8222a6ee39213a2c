using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Engine.Tests.Jobs;

/// <summary>The coordinator's transitions, without a cluster: each event's new state and the effects it asks for.</summary>
public sealed class JobMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JobRules Rules = new(
        new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)),
        MaxReassignments: 2,
        DegradeAfterDispatchFailures: 10,
        SegmentLease: TimeSpan.FromMinutes(1),
        MaxJobDuration: TimeSpan.FromHours(1));

    [Fact]
    public void Accepting_stores_the_job_lists_it_and_starts_planning_and_a_second_submission_changes_nothing()
    {
        var machine = new JobMachine(new JobState(), Rules, "silo-a");
        var effects = machine.Accept(Spec(), "tester");
        Assert.Equal([new PersistJob(), new UpdateJobIndex(Wait: true), new StartPlanning()], effects);
        Assert.Equal(JobStatus.Pending, machine.State.Status);
        Assert.Equal(1, machine.State.Generation);
        Assert.Empty(machine.Accept(Spec(), "tester"));
    }

    [Fact]
    public void Planning_is_a_listed_status_and_the_plan_is_stored_before_every_first_attempt_goes_out()
    {
        var machine = new JobMachine(new JobState(), Rules, "silo-a");
        machine.Accept(Spec(), "tester");
        Assert.Equal([new UpdateJobIndex()], machine.PlanningStarted());
        Assert.Equal(JobStatus.Planning, machine.State.Status);

        var effects = machine.Planned(Plan(3, 2), 6, [], ["note"], T0);
        Assert.IsType<PersistJob>(effects[0]);
        Assert.Equal(new PublishProgress(ProgressEventKind.Planned, null, "6 item(s) in 3 segment(s)", 1, true), effects[1]);
        Assert.Equal([new DispatchSegment(0, 1), new DispatchSegment(1, 1), new DispatchSegment(2, 1)], effects.Skip(2).Take(3));
        Assert.Equal(new UpdateJobIndex(), effects[5]);
        Assert.Equal(JobStatus.Running, machine.State.Status);
        Assert.Equal(T0, machine.State.DispatchedAt);
        Assert.Equal(["note"], machine.State.Notes);
    }

    [Fact]
    public void A_plan_without_segments_goes_straight_to_aggregation()
    {
        var machine = new JobMachine(new JobState(), Rules, "a");
        machine.Accept(Spec(), "tester");
        Assert.Contains(new AggregateJob(), machine.Planned([], 0, [], [], T0));
        Assert.True(machine.State.AllSegmentsFinished);
    }

    [Fact]
    public void The_last_completed_segment_asks_for_aggregation_once_and_stale_outcomes_change_nothing()
    {
        var machine = Started(segments: 2, items: 2);
        Assert.Empty(machine.SegmentCompleted(Outcome(0, attempt: 7)));
        var first = machine.SegmentCompleted(Outcome(0, attempt: 1));
        Assert.DoesNotContain(first, e => e is AggregateJob);
        Assert.Contains(first, e => e is PersistJob);
        Assert.Equal(SegmentStatus.Completed, machine.State.Segments[0].Status);
        var last = machine.SegmentCompleted(Outcome(1, attempt: 1));
        Assert.Single(last, e => e is AggregateJob);
        Assert.Empty(machine.SegmentCompleted(Outcome(1, attempt: 1)));
    }

    [Fact]
    public void The_last_completion_is_stored_with_the_jobs_end_and_a_resumed_coordinator_sends_that_segment_again()
    {
        var machine = Started(segments: 2, items: 2);
        machine.SegmentCompleted(Outcome(0, attempt: 1));

        // The same history on a second machine: the state the first completion's write stored.
        var stored = Started(segments: 2, items: 2);
        stored.SegmentCompleted(Outcome(0, attempt: 1));

        // A write here would be overwritten by the end's moments later.
        Assert.DoesNotContain(machine.SegmentCompleted(Outcome(1, attempt: 1)), e => e is PersistJob);
        Assert.Contains(machine.Finish(new Dictionary<int, int> { [0] = 1, [1] = 1 }, 0, [], null, 1, T0), e => e is PersistJob);

        // The coordinator died before the end was stored: what was stored sends the unfinished segment again.
        var resumed = new JobMachine(stored.State, Rules, "b");
        Assert.Equal([new DispatchSegment(1, 2)], resumed.Activate(T0).OfType<DispatchSegment>());
    }

    [Fact]
    public void A_lost_instance_is_stored_with_its_next_attempt_before_that_attempt_goes_out()
    {
        var machine = Started(segments: 2);
        machine.SegmentStarted(1, 1, "silo-b", T0);
        var effects = machine.SegmentLost(1, 1, "SiloUnavailableException: gone", T0.AddSeconds(1));
        var persist = effects.ToList().FindIndex(e => e is PersistJob);
        var dispatch = effects.ToList().FindIndex(e => e is DispatchSegment);
        Assert.True(persist >= 0 && persist < dispatch);
        Assert.Equal(new DispatchSegment(1, 2), effects[dispatch]);
        Assert.Contains(effects, e => e is PublishProgress { Kind: ProgressEventKind.SegmentReassigned, Segment: 1 });
        var segment = machine.State.Segments[1];
        Assert.Equal(1, segment.Reassignments);
        Assert.Equal(["attempt 1 on silo-b lost: SiloUnavailableException: gone"], segment.Failures);

        // The old attempt is fenced off: its late answers count for nothing.
        Assert.Empty(machine.SegmentCompleted(Outcome(1, attempt: 1)));
        Assert.Empty(machine.SegmentLost(1, 1, "again", T0));
        Assert.Empty(machine.SegmentStarted(1, 1, "silo-b", T0));
    }

    [Fact]
    public void An_older_attempt_still_finishing_moves_progress_forward_only()
    {
        var machine = Started(segments: 1, items: 4);
        machine.ItemsCompleted(0, 1, 2, 0, 20, T0);
        machine.SegmentLost(0, 1, "timeout", T0);
        Assert.NotEmpty(machine.ItemsCompleted(0, 1, 3, 0, 30, T0));
        Assert.Empty(machine.ItemsCompleted(0, 1, 1, 0, 10, T0));
        Assert.Equal(3, machine.State.Segments[0].ItemsDone);
        Assert.Equal(30, machine.State.Segments[0].BusyMs);
    }

    [Fact]
    public void A_segment_that_keeps_losing_its_instance_fails_alone_and_the_job_ends_with_errors()
    {
        var machine = Started(segments: 2);
        var attempt = 1;
        for (; attempt <= Rules.MaxReassignments; attempt++)
        {
            Assert.Contains(new DispatchSegment(0, attempt + 1), machine.SegmentLost(0, attempt, "gone", T0));
        }

        var effects = machine.SegmentLost(0, attempt, "gone", T0);
        Assert.Contains(effects, e => e is PublishProgress { Kind: ProgressEventKind.SegmentFailed });
        Assert.Equal(SegmentStatus.Failed, machine.State.Segments[0].Status);
        Assert.StartsWith("Lost its instance 3 times", machine.State.Segments[0].Error);
        Assert.Contains(new AggregateJob(), machine.SegmentCompleted(Outcome(1, 1)));
        machine.Finish(Counts((0, 0), (1, 1)), 0, [], null, 5, T0);
        Assert.Equal(JobStatus.CompletedWithErrors, machine.State.Status);
    }

    [Fact]
    public void A_failing_attempt_is_retried_after_a_jittered_backoff_then_fails_when_the_policy_is_spent()
    {
        var machine = Started(segments: 1);
        var effects = machine.SegmentFaulted(0, 1, "IOException: disk", new Random(1), T0);
        var retry = Assert.Single(effects.OfType<ScheduleRetry>());
        Assert.InRange(retry.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.Equal(SegmentStatus.Retrying, machine.State.Segments[0].Status);
        Assert.Empty(machine.RetryDue(3, T0));
        Assert.Contains(new DispatchSegment(0, 2), machine.RetryDue(0, T0));
        Assert.Empty(machine.RetryDue(0, T0));

        machine.SegmentFaulted(0, 2, "IOException: disk", new Random(1), T0);
        machine.RetryDue(0, T0);
        var last = machine.SegmentFaulted(0, 3, "IOException: disk", new Random(1), T0);
        Assert.Contains(new AggregateJob(), last);
        Assert.Equal(SegmentStatus.Failed, machine.State.Segments[0].Status);
        Assert.Equal("IOException: disk", machine.State.Segments[0].Error);
    }

    [Fact]
    public void Cancel_during_a_retry_cancels_the_waiting_segment_at_once_and_the_running_ones_when_they_answer()
    {
        var machine = Started(segments: 2);
        machine.SegmentFaulted(0, 1, "boom", new Random(1), T0);
        var effects = machine.Cancel();
        Assert.Equal([new PersistJob(), new StopAllSegments()], effects);
        Assert.Equal(SegmentStatus.Cancelled, machine.State.Segments[0].Status);
        Assert.Empty(machine.RetryDue(0, T0));
        Assert.Empty(machine.Cancel());

        Assert.Contains(new AggregateJob(), machine.AttemptStopped(1, 1, T0));
        Assert.Equal(SegmentStatus.Cancelled, machine.State.Segments[1].Status);
        machine.Finish(Counts((0, 0), (1, 0)), 0, [], null, 1, T0);
        Assert.Equal(JobStatus.Cancelled, machine.State.Status);
    }

    [Fact]
    public void A_segment_silent_past_its_lease_is_stopped_then_moved_with_the_lease_as_the_reason()
    {
        var machine = Started(segments: 2);
        machine.SegmentStarted(0, 1, "silo-b", T0);
        machine.SegmentStarted(1, 1, "silo-c", T0);
        machine.ItemsCompleted(1, 1, 1, 0, 5, T0.AddSeconds(50));
        Assert.Empty(machine.CheckLeases(T0.AddSeconds(59)));
        Assert.Equal([new StopAttempt(0)], machine.CheckLeases(T0.AddSeconds(61)));
        Assert.Empty(machine.CheckLeases(T0.AddSeconds(62)));

        var effects = machine.AttemptStopped(0, 1, T0.AddSeconds(62));
        Assert.Contains(new DispatchSegment(0, 2), effects);
        Assert.Contains("no progress within the lease", machine.State.Segments[0].Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void After_repeated_dispatch_failures_the_rest_runs_degraded_on_the_coordinator_and_the_job_says_so()
    {
        var rules = Rules with { DegradeAfterDispatchFailures = 2, Retry = new RetryPolicy(5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)) };
        var machine = Started(segments: 1, rules: rules);
        machine.SegmentFaulted(0, 1, "boom", new Random(1), T0);
        machine.RetryDue(0, T0);
        var effects = machine.SegmentFaulted(0, 2, "boom", new Random(1), T0);
        Assert.Contains(new RunDegraded(0, 3), effects);
        Assert.Contains(effects, e => e is PublishProgress { Kind: ProgressEventKind.Degraded, Full: true });
        Assert.True(machine.State.Degraded);
        Assert.Contains(machine.State.Notes, n => n.StartsWith("Degraded: instance 0", StringComparison.Ordinal));
        Assert.Equal(["coordinator"], machine.State.Segments[0].Silos);

        // A degraded run is never leased out, and a fault in it is retried as a degraded run again.
        Assert.Empty(machine.CheckLeases(T0.AddHours(1)));
        machine.SegmentFaulted(0, 3, "ledger unreachable", new Random(1), T0);
        Assert.Contains(new RunDegraded(0, 4), machine.RetryDue(0, T0));
        Assert.Contains(machine.SegmentCompleted(Outcome(0, 4)), e => e is PublishProgress { Message: "completed sequentially" });
    }

    [Fact]
    public void Past_the_deadline_everything_stops_and_the_job_fails_with_the_reason()
    {
        var machine = Started(segments: 1);
        Assert.Equal([new PersistJob(), new StopAllSegments()], machine.DeadlinePassed());
        Assert.Empty(machine.DeadlinePassed());
        Assert.Contains(new AggregateJob(), machine.AttemptStopped(0, 1, T0));
        var effects = machine.Finish(Counts((0, 1)), 0, [], null, 1, T0);
        Assert.Equal(JobStatus.Failed, machine.State.Status);
        Assert.Contains("run time limit of 01:00:00", machine.State.Error, StringComparison.Ordinal);
        Assert.Equal([typeof(WriteReport), typeof(PersistJob), typeof(UpdateJobIndex), typeof(PublishProgress), typeof(EndJob)], effects.Select(e => e.GetType()));
    }

    [Fact]
    public void A_failed_assessment_ends_the_job_failed_and_a_stopped_one_ends_it_cancelled()
    {
        var failed = new JobMachine(new JobState(), Rules, "a");
        failed.Accept(Spec(), "tester");
        Assert.Equal([new AggregateJob()], failed.PlanningFailed("no such directory"));
        Assert.Empty(failed.PlanningFailed("again"));
        failed.Finish(Counts(), 0, [], null, 0, T0);
        Assert.Equal(JobStatus.Failed, failed.State.Status);
        Assert.Equal("no such directory", failed.State.Error);

        var cancelled = new JobMachine(new JobState(), Rules, "a");
        cancelled.Accept(Spec(), "tester");
        cancelled.Cancel();
        cancelled.PlanningFailed("The operation was canceled.");
        cancelled.Finish(Counts(), 0, [], null, 0, T0);
        Assert.Equal(JobStatus.Cancelled, cancelled.State.Status);
        Assert.Null(cancelled.State.Error);
    }

    [Fact]
    public void Finishing_takes_the_ledgers_counts_and_item_errors_make_it_completed_with_errors()
    {
        var machine = Started(segments: 2, items: 3);
        machine.ItemsCompleted(0, 1, 1, 0, 1, T0);
        machine.SegmentCompleted(Outcome(0, 1, done: 3));
        machine.SegmentCompleted(Outcome(1, 1, done: 3));
        machine.Finish(Counts((0, 3), (1, 2)), itemErrors: 1, ["ledger of 1 was late"], null, 3, T0.AddSeconds(2));
        Assert.Equal(JobStatus.CompletedWithErrors, machine.State.Status);
        Assert.Equal([3, 2], machine.State.Segments.Select(s => s.ItemsDone));
        Assert.Equal(T0.AddSeconds(2), machine.State.CompletedAt);
        Assert.Contains("ledger of 1 was late", machine.State.Notes);
        Assert.Empty(machine.Finish(Counts(), 0, [], null, 0, T0));
    }

    [Fact]
    public void A_coordinator_taking_over_claims_a_new_generation_and_resends_what_was_in_flight()
    {
        var machine = Started(segments: 3);
        machine.SegmentStarted(0, 1, "silo-b", T0);
        machine.SegmentCompleted(Outcome(1, 1));
        machine.SegmentFaulted(2, 1, "boom", new Random(1), T0);
        var generation = machine.State.Generation;

        var resumed = new JobMachine(machine.State, Rules, "silo-c");
        var effects = resumed.Activate(T0.AddMinutes(1));
        Assert.Equal(generation + 1, resumed.State.Generation);
        Assert.IsType<PersistJob>(effects[0]);
        Assert.Equal([new DispatchSegment(0, 2), new DispatchSegment(2, 2)], effects.OfType<DispatchSegment>());
        Assert.Equal("attempt 1 on silo-b interrupted: the job's coordinator resumed on silo-c", resumed.State.Segments[0].Failures.Last());
        Assert.Single(resumed.State.Segments[2].Failures);
        Assert.Equal(SegmentStatus.Completed, resumed.State.Segments[1].Status);
    }

    [Fact]
    public void Taking_over_an_unplanned_job_plans_it_and_a_finished_job_is_left_alone()
    {
        var unplanned = new JobMachine(new JobState(), Rules, "a");
        unplanned.Accept(Spec(), "tester");
        Assert.Equal([new PersistJob(), new StartPlanning()], new JobMachine(unplanned.State, Rules, "b").Activate(T0));

        var done = Started(segments: 1);
        done.SegmentCompleted(Outcome(0, 1));
        done.Finish(Counts((0, 1)), 0, [], null, 1, T0);
        Assert.Empty(new JobMachine(done.State, Rules, "b").Activate(T0));
    }

    [Fact]
    public void The_watchdog_resends_attempts_nobody_follows_and_leaves_followed_ones_alone()
    {
        var machine = Started(segments: 3);
        machine.SegmentFaulted(2, 1, "boom", new Random(1), T0);
        var effects = machine.Watchdog(new HashSet<int> { 0 }, planning: false, aggregating: false, T0);
        Assert.Equal([new DispatchSegment(1, 2), new DispatchSegment(2, 2)], effects.OfType<DispatchSegment>());
        Assert.Contains("not following", machine.State.Segments[1].Failures.Single(), StringComparison.Ordinal);
        Assert.Empty(machine.Watchdog(new HashSet<int> { 0, 1, 2 }, false, false, T0));
    }

    [Fact]
    public void Every_event_has_the_next_sequence_number()
    {
        var machine = Started(segments: 2, items: 2);
        var published = new List<PublishProgress>();
        published.AddRange(machine.SegmentStarted(0, 1, "x", T0).OfType<PublishProgress>());
        published.AddRange(machine.ItemsCompleted(0, 1, 1, 0, 1, T0).OfType<PublishProgress>());
        published.AddRange(machine.SegmentCompleted(Outcome(0, 1)).OfType<PublishProgress>());
        published.AddRange(machine.SegmentLost(1, 1, "gone", T0).OfType<PublishProgress>());
        Assert.Equal([2L, 3, 4, 5], published.Select(p => p.Sequence));
        Assert.Equal(5, machine.State.Sequence);
    }

    private static JobMachine Started(int segments, int items = 1, JobRules? rules = null)
    {
        var machine = new JobMachine(new JobState(), rules ?? Rules, "coordinator");
        machine.Accept(Spec(), "tester");
        machine.PlanningStarted();
        machine.Planned(Plan(segments, items), segments * items, [], [], T0);
        return machine;
    }

    private static JobSpec Spec() => new("synthetic", null, "{}", "owner", T0);

    private static IReadOnlyList<SegmentPlan> Plan(int segments, int items) =>
        [.. Enumerable.Range(0, segments).Select(s => new SegmentPlan(s, $"k{s}", [.. Enumerable.Range(0, items).Select(i => new WorkItem($"s{s}-i{i}", $"k{s}", 1, null))]))];

    private static SegmentOutcome Outcome(int index, int attempt, int done = 1) =>
        new(index, attempt, SegmentStatus.Completed, done, 0, 10, "silo-x", null, 0);

    private static Dictionary<int, int> Counts(params (int Index, int Count)[] counts) => counts.ToDictionary(c => c.Index, c => c.Count);
}
