using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Engine.Tests.Scheduling;

/// <summary>A silo's budget of running segments: cores, memory, pressure.</summary>
public sealed class SiloBudgetTests
{
    private const long Mb = 1024 * 1024;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SchedulingLimits Limits = SchedulingLimits.Default;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(8, 8)]
    public void An_idle_silo_takes_one_segment_per_core(int cores, int budget) =>
        Assert.Equal(budget, SiloBudget.Of(Silo(cores), 0, Limits));

    [Fact]
    public void Its_own_segments_keeping_the_cpu_busy_do_not_lower_the_budget()
    {
        // Four segments on four cores: 100 % CPU, all of it theirs.
        Assert.Equal(4, SiloBudget.Of(Silo(4, cpu: 100), 4, Limits));
    }

    [Fact]
    public void Cpu_taken_by_other_work_takes_its_cores_off_the_budget()
    {
        // 95 % busy with nothing of ours on it: less than one of four cores is left.
        Assert.Equal(0, SiloBudget.Of(Silo(4, cpu: 95), 0, Limits));

        // 100 % with two of ours on four cores: the other half is someone else's, so two, not four.
        Assert.Equal(2, SiloBudget.Of(Silo(4, cpu: 100), 2, Limits));

        // Below the pressure threshold nothing changes.
        Assert.Equal(4, SiloBudget.Of(Silo(4, cpu: 80), 0, Limits));
    }

    [Fact]
    public void The_budget_never_promises_more_memory_than_is_available()
    {
        var limits = Limits with { MemoryPerSegmentBytes = 100 * Mb };
        Assert.Equal(3, SiloBudget.Of(Silo(8, available: 350 * Mb), 0, limits));

        // Running segments already took their share out of what is available.
        Assert.Equal(5, SiloBudget.Of(Silo(8, available: 350 * Mb), 2, limits));
    }

    [Fact]
    public void A_silo_near_its_memory_limit_takes_nothing_new()
    {
        Assert.Equal(0, SiloBudget.Of(Silo(8, used: 950 * Mb, limit: 1000 * Mb), 0, Limits));
        Assert.Equal(8, SiloBudget.Of(Silo(8, used: 500 * Mb, limit: 1000 * Mb), 0, Limits));
    }

    [Fact]
    public void Segments_per_core_and_the_cap_shape_the_budget_and_a_silo_always_has_at_least_one_core()
    {
        Assert.Equal(8, SiloBudget.Of(Silo(4), 0, Limits with { SegmentsPerCore = 2 }));
        Assert.Equal(3, SiloBudget.Of(Silo(4), 0, Limits with { MaxSegmentsPerSilo = 3 }));
        Assert.Equal(1, SiloBudget.Of(Silo(0), 0, Limits));
    }

    private static SiloCapacity Silo(int cores, double cpu = 10, long available = 64_000 * Mb, long used = 100 * Mb, long limit = 64_000 * Mb) =>
        new("silo", cores, cpu, used, available, limit, T0);
}
