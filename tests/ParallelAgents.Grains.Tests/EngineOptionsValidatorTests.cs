using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Tests;

public sealed class EngineOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.Empty(OptionsCheck.Failures(new EngineOptionsValidator(), EngineOptions.Section));

    [Theory]
    [InlineData("Engine:RetryMaxAttempts", "0", "between 1 and 100")]
    [InlineData("Engine:RetryMaxAttempts", "101", "between 1 and 100")]
    [InlineData("Engine:RetryBaseDelay", "00:00:00", "must be positive")]
    [InlineData("Engine:RetryMaxDelay", "00:00:00.100", "at least Engine:RetryBaseDelay")]
    [InlineData("Engine:MaxReassignments", "-1", "between 0 and 1000")]
    [InlineData("Engine:SegmentLease", "00:00:00", "must be positive")]
    [InlineData("Engine:DegradeAfterDispatchFailures", "0", "between 1 and 1000")]
    [InlineData("Engine:WatchdogPeriod", "00:00:30", "at least 00:01:00")]
    [InlineData("Engine:MaxWorkItemsPerJob", "-1", "must not be negative")]
    [InlineData("Engine:MaxJobDuration", "-00:00:01", "must not be negative")]
    [InlineData("Engine:CheckpointInterval", "-00:00:01", "must not be negative")]
    [InlineData("Engine:KeepFinishedJobFor", "-00:00:01", "must not be negative")]
    public void A_bad_setting_is_named_by_its_key(string key, string value, string rule)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new EngineOptionsValidator(), EngineOptions.Section, (key, value)));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
        Assert.Contains(rule, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_turns_the_job_limits_off_rather_than_failing() =>
        Assert.Empty(OptionsCheck.Failures(new EngineOptionsValidator(), EngineOptions.Section, ("Engine:MaxJobDuration", "00:00:00"), ("Engine:MaxWorkItemsPerJob", "0"), ("Engine:CheckpointInterval", "00:00:00")));
}
