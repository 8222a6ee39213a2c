using System.Text.Json;

namespace ParallelAgents.Cli.Tests;

/// <summary>With --server the CLI submits over HTTP and follows the job's event stream.</summary>
[Collection(ServiceTestCollection.Name)]
public sealed class ServerTests(ServiceFactory service)
{
    private const string Server = "http://localhost/";

    [Fact]
    public async Task Run_against_a_server_follows_the_events_writes_sarif_and_fails_on_high()
    {
        var keys = new List<string?>();
        using var cli = new CliRun(_ => service.CreateDefaultClient(new Uri(Server), new HeaderRecorder(keys)));
        // Items 3 (high) and 4 (critical) are at or above high.
        await cli.ExpectAsync(
            ExitCodes.Findings,
            "run", "synthetic", "--server", Server, "--api-key", "k-123",
            "--option", "items=8", "--option", "latencyMs=30", "--max-instances", "2",
            "--format", "sarif", "--out", "report.sarif", "--fail-on", "high");

        var output = cli.Output;
        Assert.Contains("submitted on http://localhost/", output);
        Assert.Contains("overall 8/8 items", output);
        Assert.Contains("#0 shard-1 4/4 done attempt 1", output);
        Assert.Contains("#1 shard-2 4/4 done attempt 1", output);
        Assert.Contains("2 finding(s) at or above high", output);
        Assert.Contains("# synthetic report", output);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "report.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal("k-123", k));
    }

    [Fact]
    public async Task Jobs_list_show_report_and_cancel_work_against_a_server()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        await cli.ExpectAsync(ExitCodes.Ok, "run", "synthetic", "--server", Server, "--option", "items=6", "--max-instances", "2", "--format", "json", "--out", "r.json");
        var id = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "r.json"))).RootElement.GetProperty("jobId").GetString()!;

        using var list = new CliRun(_ => service.CreateClient(), new Dictionary<string, string> { [CliEnvironment.ServerVariable] = Server });
        await list.ExpectAsync(ExitCodes.Ok, "jobs", "list");
        Assert.Contains(id, list.Output);
        Assert.Contains("completed", list.Output);

        using var show = new CliRun(_ => service.CreateClient());
        await show.ExpectAsync(ExitCodes.Ok, "jobs", "show", id, "--server", Server);
        Assert.Contains("6/6 items (100 %)", show.Output);
        Assert.Contains("shard-2", show.Output);
        Assert.Contains("speedup", show.Output);

        using var report = new CliRun(_ => service.CreateClient());
        await report.ExpectAsync(ExitCodes.Ok, "jobs", "report", id, "--server", Server, "--format", "markdown", "--out", "r.md");
        Assert.StartsWith("# synthetic report", File.ReadAllText(Path.Combine(report.Directory, "r.md")));

        using var cancel = new CliRun(_ => service.CreateClient());
        await cancel.ExpectAsync(ExitCodes.Ok, "jobs", "cancel", id, "--server", Server);
        Assert.Contains($"Job {id} is completed.", cancel.Output);
    }

    [Fact]
    public async Task A_run_against_a_server_follows_every_job_and_writes_one_sarif_log_with_a_run_each()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        // Four synthetic items cycle info, low, medium, high: one finding at or above high in each job.
        await cli.ExpectAsync(
            ExitCodes.Findings,
            "run", "synthetic,synthetic", "--server", Server, "--option", "items=4", "--format", "sarif", "--out", "run.sarif", "--fail-on", "high");

        var output = cli.Output.ReplaceLineEndings("");
        Assert.Contains("(synthetic, synthetic) submitted on http://localhost/", output, StringComparison.Ordinal);
        Assert.Contains("2 finding(s) at or above high", output, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "run.sarif")));
        var runs = sarif.RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        Assert.NotEqual(runs[0].GetProperty("properties").GetProperty("jobId").GetString(), runs[1].GetProperty("properties").GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task A_submission_the_server_rejects_exits_2_with_the_field_messages()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "synthetic", "--server", Server, "--option", "items=-1", "--option", "bogus=1");

        Assert.Contains("400", cli.Output);
        Assert.Contains("options.items: Must be at least 0.", cli.Output);
        Assert.Contains("options.bogus: Unknown option 'bogus'", cli.Output);
    }

    [Fact]
    public async Task An_unknown_job_exits_2()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "jobs", "show", "nope", "--server", Server);
        Assert.Contains("404", cli.Output);
        Assert.Contains("No job has id 'nope'", cli.Output);
    }

    [Fact]
    public async Task Upload_sends_the_directory_as_a_workspace()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        var workspace = Directory.CreateDirectory(Path.Combine(cli.Directory, "repo"));
        File.WriteAllText(Path.Combine(workspace.FullName, "README.md"), "# Hello\n\nSee [the guide](docs/guide.md).\n");
        Directory.CreateDirectory(Path.Combine(workspace.FullName, "docs"));
        File.WriteAllText(Path.Combine(workspace.FullName, "docs", "guide.md"), "# Guide\n");

        await cli.ExpectAsync(ExitCodes.Ok, "run", "docs", "repo", "--server", Server, "--upload", "--format", "json", "--out", "docs.json");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "docs.json")));
        Assert.Equal("docs", report.RootElement.GetProperty("command").GetString());
        Assert.Equal(2, report.RootElement.GetProperty("summary").GetProperty("itemsTotal").GetInt32());
    }

    private sealed class HeaderRecorder(List<string?> keys) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (keys)
            {
                keys.Add(request.Headers.TryGetValues("X-Api-Key", out var values) ? values.Single() : null);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
