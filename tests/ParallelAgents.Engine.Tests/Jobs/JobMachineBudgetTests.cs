using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Resilience;

namespace ParallelAgents.Engine.Tests.Jobs;

/// <summary>Model usage and budgets as transitions of the job: totals from the segments' ledgers, and the stop once reached.</summary>
public sealed class JobMachineBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JobRules Rules = new(
        new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)),
        MaxReassignments: 2,
        DegradeAfterDispatchFailures: 10,
        SegmentLease: TimeSpan.FromMinutes(1),
        MaxJobDuration: TimeSpan.FromHours(1));

    [Fact]
    public void Usage_is_summed_over_the_segments_ledgers_and_shown_per_instance_and_for_the_job()
    {
        var machine = Started(new ModelBudget(0, 0));
        machine.ItemsCompleted(0, 1, 1, 0, 10, T0, Calls(1, 100));
        machine.ItemsCompleted(1, 1, 1, 0, 10, T0, Calls(2, 250));
        // A report of the same ledger again replaces, never adds.
        machine.ItemsCompleted(0, 1, 1, 0, 10, T0, Calls(1, 100));

        Assert.Null(machine.State.Budget);
        var snapshot = JobProjection.Snapshot("j", machine.State, T0, null);
        Assert.Equal(new ModelUsage(InputTokens: 350, Calls: 3), snapshot.Usage);
        Assert.Equal(new ModelUsage(InputTokens: 350, Calls: 3), snapshot.Progress.Usage);
        Assert.Equal([100L, 250, 0], snapshot.Instances.Select(i => i.Usage?.InputTokens ?? 0));
        Assert.Null(snapshot.BudgetStop);
    }

    [Fact]
    public void Reaching_the_budget_stops_new_items_once_publishes_it_and_later_attempts_carry_the_stop()
    {
        var machine = Started(new ModelBudget(MaxTokens: 300, MaxCostUsd: 0));
        Assert.DoesNotContain(machine.ItemsCompleted(0, 1, 1, 0, 10, T0, Calls(1, 200)).OfType<PublishProgress>(), p => p.Kind == ProgressEventKind.BudgetReached);
        Assert.Null(machine.State.BudgetStop);

        var effects = machine.ItemsCompleted(1, 1, 1, 0, 10, T0, Calls(1, 150));
        var reached = Assert.Single(effects.OfType<PublishProgress>(), p => p.Kind == ProgressEventKind.BudgetReached);
        Assert.True(reached.Full);
        Assert.Contains(new PersistJob(), effects);
        Assert.StartsWith("not run: budget of 300 tokens reached (350 used)", machine.State.BudgetStop, StringComparison.Ordinal);
        Assert.Contains(machine.State.Notes, n => n.StartsWith("Budget reached", StringComparison.Ordinal));

        // Reached once: more usage changes the total, not the stop.
        var again = machine.ItemsCompleted(2, 1, 1, 0, 10, T0, Calls(1, 100));
        Assert.DoesNotContain(again.OfType<PublishProgress>(), p => p.Kind == ProgressEventKind.BudgetReached);
        Assert.StartsWith("not run: budget of 300 tokens reached (350 used)", machine.State.BudgetStop, StringComparison.Ordinal);
        Assert.Equal(450, machine.State.Usage!.InputTokens);
    }

    [Fact]
    public void A_cost_budget_counts_the_outcome_of_a_segment_too()
    {
        var machine = Started(new ModelBudget(0, MaxCostUsd: 0.5));
        machine.SegmentCompleted(new SegmentOutcome(0, 1, SegmentStatus.Completed, 2, 0, 10, "s", null, 0) { Usage = new ModelUsage(Calls: 2, CostUsd: 0.6) });
        Assert.StartsWith("not run: budget of 0.5 USD reached", machine.State.BudgetStop, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_job_does_not_report_a_budget_stop()
    {
        var machine = Started(new ModelBudget(MaxTokens: 10, 0));
        machine.Cancel();
        machine.ItemsCompleted(0, 1, 1, 0, 10, T0, Calls(1, 100));
        Assert.Null(machine.State.BudgetStop);
    }

    [Fact]
    public void A_report_that_changes_nothing_publishes_nothing_but_still_counts_as_a_sign_of_life()
    {
        var machine = Started(new ModelBudget(MaxTokens: 1000, 0));
        machine.ItemsCompleted(0, 1, 1, 0, 10, T0, Calls(1, 100));
        var later = T0.AddSeconds(30);
        Assert.Empty(machine.ItemsCompleted(0, 1, 1, 0, 10, later, Calls(1, 100)));
        Assert.Equal(later, machine.State.Segments[0].LastProgressAt);
    }

    private static ModelUsage Calls(int calls, long tokens) => new(InputTokens: tokens, Calls: calls);

    private static JobMachine Started(ModelBudget budget)
    {
        var machine = new JobMachine(new JobState(), Rules, "coordinator");
        machine.Accept(new JobSpec("agent", null, "{}", "owner", T0), "model-agent");
        machine.PlanningStarted();
        IReadOnlyList<SegmentPlan> plan = [.. Enumerable.Range(0, 3).Select(s => new SegmentPlan(s, $"k{s}", [.. Enumerable.Range(0, 3).Select(i => new WorkItem($"s{s}-i{i}", $"k{s}", 1, null))]))];
        machine.Planned(plan, 9, [], [], T0, budget);
        return machine;
    }
}
