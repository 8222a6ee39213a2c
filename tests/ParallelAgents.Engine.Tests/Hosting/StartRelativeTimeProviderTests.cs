using System.Diagnostics;
using ParallelAgents.Engine.Hosting;

namespace ParallelAgents.Engine.Tests.Hosting;

public sealed class StartRelativeTimeProviderTests
{
    [Fact]
    public void Time_since_timestamp_zero_is_time_since_the_provider_began_not_since_the_machine_booted()
    {
        // Orleans' watchdog reads "elapsed since 0" before it has stamped its participant check.
        var before = Stopwatch.StartNew();
        var clock = new StartRelativeTimeProvider();

        var sinceZero = clock.GetElapsedTime(0);

        Assert.True(sinceZero <= before.Elapsed, $"{sinceZero} since timestamp 0, but the provider is only {before.Elapsed} old.");
        Assert.True(clock.GetTimestamp() > 0);
    }

    [Fact]
    public void Intervals_are_measured_like_the_system_clock()
    {
        var clock = new StartRelativeTimeProvider();
        var outer = Stopwatch.StartNew();
        var start = clock.GetTimestamp();
        Thread.Sleep(5);
        var measured = clock.GetElapsedTime(start);

        Assert.Equal(TimeProvider.System.TimestampFrequency, clock.TimestampFrequency);
        Assert.True(measured > TimeSpan.Zero && measured <= outer.Elapsed, $"measured {measured}, outer {outer.Elapsed}");
    }
}
