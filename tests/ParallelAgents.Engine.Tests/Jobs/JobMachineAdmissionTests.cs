using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Engine.Tests.Jobs;

/// <summary>Waiting for admission is a state of the machine: segments wait for slots, slots go back when segments end.</summary>
public sealed class JobMachineAdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JobRules Rules = new(
        new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)),
        MaxReassignments: 2,
        DegradeAfterDispatchFailures: 10,
        SegmentLease: TimeSpan.FromMinutes(1),
        MaxJobDuration: TimeSpan.FromHours(1),
        Admission: true);

    [Fact]
    public void A_planned_job_sends_nothing_and_asks_for_slots()
    {
        var machine = Planned(segments: 3);
        Assert.All(machine.State.Segments, s => Assert.True(s.IsWaitingForSlot));
        Assert.Equal(3, machine.State.QueuedSegments);
        Assert.Null(machine.State.DispatchedAt);
    }

    [Fact]
    public void Granted_slots_send_the_largest_waiting_segments_placed_on_their_silos_and_the_rest_keep_their_place()
    {
        var machine = Planned(segments: 3, costs: [1, 5, 3]);
        var effects = machine.Admitted(["silo-b", "silo-a"], position: 4, T0.AddSeconds(2));
        Assert.Equal([new DispatchSegment(1, 1), new DispatchSegment(2, 1)], effects.OfType<DispatchSegment>());
        Assert.Equal("silo-b", machine.State.Segments[1].Slot);
        Assert.Equal("silo-a", machine.State.Segments[2].Slot);
        Assert.True(machine.State.Segments[0].IsWaitingForSlot);
        Assert.Equal(4, machine.State.QueuePosition);
        Assert.Equal(T0.AddSeconds(2), machine.State.DispatchedAt);
        Assert.Contains(new SyncAdmission(), effects);
        Assert.True(effects.ToList().FindIndex(e => e is PersistJob) < effects.ToList().FindIndex(e => e is DispatchSegment));
    }

    [Fact]
    public void A_finished_segment_gives_its_slot_back_and_the_scheduler_hears_of_it()
    {
        var machine = Planned(segments: 2);
        machine.Admitted(["a"], position: 1, T0);
        var effects = machine.SegmentCompleted(new SegmentOutcome(0, 1, SegmentStatus.Completed, 1, 0, 10, "a", null, 0));
        Assert.Null(machine.State.Segments[0].Slot);
        Assert.Contains(new SyncAdmission(), effects);
    }

    [Fact]
    public void A_lost_segment_keeps_its_slot_for_its_next_attempt()
    {
        var machine = Planned(segments: 1);
        machine.Admitted(["a"], position: null, T0);
        var effects = machine.SegmentLost(0, 1, "gone", T0.AddSeconds(1));
        Assert.Contains(new DispatchSegment(0, 2), effects);
        Assert.Equal("a", machine.State.Segments[0].Slot);
        Assert.DoesNotContain(new SyncAdmission(), effects);
    }

    [Fact]
    public void Slots_the_job_cannot_use_go_back()
    {
        var machine = Planned(segments: 1);
        var effects = machine.Admitted(["a", "b"], position: null, T0);
        Assert.Single(effects.OfType<DispatchSegment>());
        Assert.Contains(new SyncAdmission(), effects);
        Assert.Null(machine.State.QueuePosition);
    }

    [Fact]
    public void Cancelling_a_waiting_job_ends_it_without_sending_anything()
    {
        var machine = Planned(segments: 2);
        var effects = machine.Cancel();
        Assert.DoesNotContain(effects, e => e is DispatchSegment);
        Assert.Contains(new AggregateJob(), effects);
        Assert.Contains(new SyncAdmission(), effects);
        Assert.All(machine.State.Segments, s => Assert.Equal(SegmentStatus.Cancelled, s.Status));
        Assert.Empty(machine.Admitted(["a"], null, T0).OfType<DispatchSegment>());
    }

    [Fact]
    public void A_new_activation_resends_what_was_out_leaves_the_waiting_segments_waiting_and_tells_the_scheduler()
    {
        var machine = Planned(segments: 2);
        machine.Admitted(["a"], position: 1, T0);
        var resumed = new JobMachine(machine.State, Rules, "other");
        var effects = resumed.Activate(T0.AddSeconds(5));
        Assert.Equal([new DispatchSegment(0, 2)], effects.OfType<DispatchSegment>());
        Assert.True(resumed.State.Segments[1].IsWaitingForSlot);
        Assert.Contains(new SyncAdmission(), effects);
    }

    [Fact]
    public void The_watchdog_never_sends_a_waiting_segment_and_always_resyncs()
    {
        var machine = Planned(segments: 2);
        var effects = machine.Watchdog(new HashSet<int>(), planning: false, aggregating: false, T0.AddMinutes(1));
        Assert.DoesNotContain(effects, e => e is DispatchSegment);
        Assert.Equal([new SyncAdmission()], effects);
    }

    private static JobMachine Planned(int segments, long[]? costs = null)
    {
        var machine = new JobMachine(new JobState(), Rules, "coordinator");
        machine.Accept(new JobSpec("synthetic", null, "{}", "owner", T0) { Priority = JobPriority.High }, "tester");
        machine.PlanningStarted();
        var plan = Enumerable.Range(0, segments)
            .Select(s => new SegmentPlan(s, $"k{s}", [new WorkItem($"i{s}", $"k{s}", costs?[s] ?? 1, null)]))
            .ToArray();
        var effects = machine.Planned(plan, segments, [], [], T0);
        Assert.DoesNotContain(effects, e => e is DispatchSegment);
        Assert.Contains(new SyncAdmission(), effects);
        return machine;
    }
}
