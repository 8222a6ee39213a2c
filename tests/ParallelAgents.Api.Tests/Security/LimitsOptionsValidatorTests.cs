using ParallelAgents.Api.Security;

namespace ParallelAgents.Api.Tests.Security;

public sealed class LimitsOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_zero_turns_a_limit_off() =>
        Assert.Empty(OptionsCheck.Failures(new LimitsOptionsValidator(), LimitsOptions.Section, ("Limits:MaxRequestBodyBytes", "0"), ("Limits:SubmissionsPerMinute", "0"), ("Limits:MaxConcurrentJobsPerIdentity", "0")));

    [Theory]
    [InlineData("Limits:MaxRequestBodyBytes", "-1")]
    [InlineData("Limits:MaxConcurrentJobsPerIdentity", "-1")]
    [InlineData("Limits:SubmissionsPerMinute", "-1")]
    [InlineData("Limits:ConcurrentJobsRetryAfterSeconds", "0")]
    [InlineData("Limits:MaxJobsPerRun", "0")]
    public void A_bad_setting_is_named_by_its_key(string key, string value)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new LimitsOptionsValidator(), LimitsOptions.Section, (key, value)));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }
}
