using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Engine.Tests;

public sealed class PoolSizingTests
{
    private static readonly PoolSettings Eight = new(MaxInstances: 8, ItemsPerInstance: 5, ParallelThreshold: 5);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(40, 8)]
    [InlineData(41, 8)]
    [InlineData(1_000_000_000L, 8)]
    public void Follows_the_formula_with_the_threshold(long items, int expected) =>
        Assert.Equal(expected, PoolSizing.Instances(items, Eight));

    [Fact]
    public void Never_more_instances_than_items()
    {
        var settings = new PoolSettings(MaxInstances: 64, ItemsPerInstance: 1, ParallelThreshold: 5);
        Assert.Equal(5, PoolSizing.Instances(5, settings));
        Assert.Equal(7, PoolSizing.Instances(7, settings));
        Assert.Equal(64, PoolSizing.Instances(100, settings));
    }

    [Fact]
    public void Below_the_threshold_runs_as_one_instance()
    {
        var settings = new PoolSettings(MaxInstances: 8, ItemsPerInstance: 1, ParallelThreshold: 5);
        Assert.Equal(1, PoolSizing.Instances(4, settings));
        Assert.Equal(5, PoolSizing.Instances(5, settings));
    }

    [Fact]
    public void Threshold_zero_parallelises_any_workload()
    {
        var settings = new PoolSettings(MaxInstances: 8, ItemsPerInstance: 1, ParallelThreshold: 0);
        Assert.Equal(2, PoolSizing.Instances(2, settings));
    }

    [Fact]
    public void Rejects_nonsense_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(10, new PoolSettings(0, 1, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(10, new PoolSettings(1, 0, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(-1, Eight));
    }
}
