namespace ParallelAgents.Cli.Tests;

/// <summary>A command the engine would not run is refused before anything is submitted, never reported green.</summary>
public sealed class DisabledCommandTests
{
    [Fact]
    public async Task Running_the_disabled_test_command_in_process_exits_2_and_names_the_setting()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "test", ".");

        var output = cli.Output.ReplaceLineEndings(" ");
        Assert.Contains("Invalid field(s): command.", output, StringComparison.Ordinal);
        Assert.Contains("The command 'test' is disabled on this service.", output, StringComparison.Ordinal);
        Assert.Contains("Commands:Test:Enabled=true", output, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted", output, StringComparison.Ordinal);
    }
}
