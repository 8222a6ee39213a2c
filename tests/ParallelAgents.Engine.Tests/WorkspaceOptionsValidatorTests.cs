using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Engine.Tests;

public sealed class WorkspaceOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.Empty(OptionsCheck.Failures(new WorkspaceOptionsValidator(), WorkspaceOptions.Section));

    [Theory]
    [InlineData("Workspaces:MaxArchiveBytes", "0")]
    [InlineData("Workspaces:MaxExtractedBytes", "-1")]
    [InlineData("Workspaces:MaxFiles", "0")]
    [InlineData("Workspaces:AllowedRoots:0", "/no/such/directory/for/parallel-agents")]
    public void A_bad_setting_is_named_by_its_key(string key, string value)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new WorkspaceOptionsValidator(), WorkspaceOptions.Section, (key, value)));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_allowed_root_is_accepted() =>
        Assert.Empty(OptionsCheck.Failures(new WorkspaceOptionsValidator(), WorkspaceOptions.Section, ("Workspaces:AllowedRoots:0", Path.GetTempPath())));
}
