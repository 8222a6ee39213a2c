namespace ParallelAgents.Cli.Tests;

/// <summary>Mistakes on the command line and unreachable servers end with exit code 2 and a message saying what to fix.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("jobs", "--help")]
    [InlineData("jobs", "list", "--help")]
    [InlineData("jobs", "show", "--help")]
    [InlineData("jobs", "cancel", "--help")]
    [InlineData("jobs", "report", "--help")]
    public async Task Every_help_page_renders(params string[] args)
    {
        // Help text is console markup: a bracket in a description that is not escaped ends the page with an exception.
        using var cli = new CliRun();
        await cli.ExpectAsync(0, args);
        Assert.Contains("USAGE:", cli.Output);
    }

    [Fact]
    public async Task An_unreachable_server_exits_2_and_says_how_to_fix_it()
    {
        using var cli = new CliRun();
        var port = FreePorts.Next();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "synthetic", "--server", $"http://127.0.0.1:{port}");

        Assert.Contains($"Could not reach the service at http://127.0.0.1:{port}/", cli.Output);
        Assert.Contains("--server", cli.Output);
        Assert.Contains("leave out --server", cli.Output);
    }

    [Fact]
    public async Task A_server_that_is_not_a_url_exits_2()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "jobs", "list", "--server", "localhost:5080");
        Assert.Contains("--server 'localhost:5080' is not an http(s) address", cli.Output);
    }

    [Fact]
    public async Task The_server_comes_from_the_environment_when_not_given()
    {
        var port = FreePorts.Next();
        using var cli = new CliRun(variables: new Dictionary<string, string> { [CliEnvironment.ServerVariable] = $"http://127.0.0.1:{port}" });
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "jobs", "list");
        Assert.Contains($"Could not reach the service at http://127.0.0.1:{port}/", cli.Output);
    }

    [Theory]
    [InlineData("--format pdf", "--format 'pdf' is not a report format")]
    [InlineData("--fail-on severe", "--fail-on 'severe' is not a severity")]
    [InlineData("--max-instances 0", "--max-instances must be at least 1")]
    [InlineData("--option items", "--option 'items' must look like key=value")]
    [InlineData("--upload", "--upload sends the directory to a service")]
    [InlineData("--no-such-flag", "no-such-flag")]
    public async Task Bad_usage_exits_2_with_the_reason(string arguments, string expected)
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, ["run", "synthetic", .. arguments.Split(' ')]);

        Assert.Contains(expected, cli.Output);
    }

    [Fact]
    public async Task A_missing_command_exits_2()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run");
        Assert.Contains("error:", cli.Output);
    }

    [Fact]
    public async Task A_workspace_that_does_not_exist_exits_2()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "docs", "no-such-folder");
        Assert.Contains("The workspace 'no-such-folder' is not a directory.", cli.Output);
    }
}
