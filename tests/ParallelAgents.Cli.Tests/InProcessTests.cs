using System.Text.Json;

namespace ParallelAgents.Cli.Tests;

/// <summary>Without --server the CLI hosts a silo itself and runs the job on local files.</summary>
public sealed class InProcessTests
{
    [Fact]
    public async Task A_synthetic_job_runs_in_process_draws_its_bars_and_writes_the_report()
    {
        using var cli = new CliRun(interactive: true);
        await cli.ExpectAsync(ExitCodes.Ok, "run", "synthetic", "--option", "items=12", "--option", "latencyMs=20", "--max-instances", "3", "--format", "json", "--out", "out/report.json");

        var output = cli.Output;
        Assert.Contains("submitted in this process", output);
        Assert.Contains("overall 12/12 items", output);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"#{i} shard-{i + 1} 4/4 done attempt 1", output);
        }

        Assert.Contains("━━━━━━━━━━ 100%", output);
        Assert.Contains("# synthetic report", output);
        Assert.Contains("## Summary", output);
        Assert.DoesNotContain("## Findings", output);

        var file = Path.Combine(cli.Directory, "out", "report.json");
        Assert.Contains($"Report (json) written to {file}", output.ReplaceLineEndings(""));
        using var report = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("completed", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(12, report.RootElement.GetProperty("summary").GetProperty("findings").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("metrics").GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task Fail_on_exits_1_when_findings_reach_the_severity_and_writes_the_default_file()
    {
        using var cli = new CliRun();
        // Synthetic items cycle through the severities info, low, medium, high, critical: 5 items give one critical.
        await cli.ExpectAsync(ExitCodes.Findings, "run", "synthetic", "--option", "items=5", "--fail-on", "critical");

        Assert.Contains("1 finding(s) at or above critical", cli.Output);
        Assert.StartsWith("# synthetic report", File.ReadAllText(Path.Combine(cli.Directory, "parallel-agents-report.md")));
    }

    [Fact]
    public async Task A_rejected_option_exits_2_with_the_field()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "synthetic", "--option", "items=-1");

        Assert.Contains("options.items: Must be at least 0.", cli.Output);
    }
}
