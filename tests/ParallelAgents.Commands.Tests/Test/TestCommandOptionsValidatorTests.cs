using ParallelAgents.Commands.Test;

namespace ParallelAgents.Commands.Tests.Test;

public sealed class TestCommandOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.Empty(OptionsCheck.Failures(new TestCommandOptionsValidator(), TestCommandOptions.SectionName));

    [Theory]
    [InlineData("Commands:Test:DefaultJobTimeoutSeconds", "0")]
    [InlineData("Commands:Test:CpuSeconds", "0")]
    [InlineData("Commands:Test:MemoryMegabytes", "-5")]
    [InlineData("Commands:Test:MaxProcesses", "0")]
    [InlineData("Commands:Test:MaxOpenFiles", "0")]
    [InlineData("Commands:Test:MaxFileMegabytes", "0")]
    [InlineData("Commands:Test:OutputLimitBytes", "0")]
    [InlineData("Commands:Test:SandboxUidCount", "0")]
    [InlineData("Commands:Test:MaxWorkspaceMegabytes", "0")]
    [InlineData("Commands:Test:SandboxUid", "0")]
    [InlineData("Commands:Test:MaxSuiteTimeoutSeconds", "60")]
    [InlineData("Commands:Test:PassEnvironment:0", " ")]
    public void A_bad_setting_is_named_by_its_key(string key, string value)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new TestCommandOptionsValidator(), TestCommandOptions.SectionName, (key, value)));
        var named = key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key;
        Assert.StartsWith(named + " ", failure, StringComparison.Ordinal);
    }
}
