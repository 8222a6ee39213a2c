using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Hosting;

namespace ParallelAgents.Models.Tests;

/// <summary>The agent command on a three-silo cluster configured like the service: the limits, cache and budget hold across silos.</summary>
public sealed class ClusterAgentTests : IAsyncLifetime
{
    private const int Files = 12;

    private TestModelServer _server = null!;
    private InProcessTestCluster _cluster = null!;
    private string _workspace = null!;

    public async Task InitializeAsync()
    {
        _server = await TestModelServer.StartAsync();
        _server.Script = r => TestModelServer.DefaultReply(r) with { Delay = TimeSpan.FromMilliseconds(100) };
        _workspace = Directory.CreateTempSubdirectory("agent-cluster-").FullName;
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(_workspace, $"f{i:D2}.txt"), $"file {i}\n");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Providers:test:Kind"] = "OpenAI",
            ["Models:Providers:test:Endpoint"] = _server.OpenAIEndpoint,
            ["Models:Providers:test:Model"] = "test-model",
            ["Models:Providers:test:ApiKey"] = AgentHarness.ApiKey,
            ["Models:Providers:test:MaxConcurrency"] = "2",
            ["Workspaces:AllowedRoots:0"] = Path.GetTempPath(),
            ["Engine:RetryBaseDelay"] = "00:00:00.020",
            ["Engine:RetryMaxDelay"] = "00:00:00.100",
        }).Build();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IConfiguration>(configuration);
            silo.AddParallelAgentsInMemory(configuration);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_workspace, recursive: true);
    }

    [Fact]
    public async Task The_cap_holds_across_silos_and_a_rerun_makes_no_calls()
    {
        var first = await RunAsync(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 6 });

        Assert.Equal(JobStatus.Completed, first.Status);
        Assert.Equal(Files, first.Findings.Count);
        Assert.Equal(Files, _server.Calls);
        Assert.InRange(_server.MaxConcurrent, 1, 2);
        Assert.True(first.Segments.Count > 1);
        Assert.DoesNotContain(AgentHarness.ApiKey, JsonSerializer.Serialize(first), StringComparison.Ordinal);

        _server.Reset();
        var again = await RunAsync(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 6 });
        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Equal(Files, again.Findings.Count);
        Assert.Equal(0, _server.Calls);
    }

    [Fact]
    public async Task A_budget_ends_the_job_with_errors_listing_the_items_not_run()
    {
        var id = await SubmitAsync(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 1, maxTokens = 300 });
        var snapshot = await Jobs(id);
        var report = (await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;

        // Each call costs 120 tokens: the third reaches 300, and the coordinator lets no item start after it.
        Assert.Equal(JobStatus.CompletedWithErrors, report.Status);
        Assert.Equal(3, _server.Calls);
        Assert.Equal(Files - 3, report.Errors.Count);
        Assert.All(report.Errors, e => Assert.StartsWith("not run: budget of 300 tokens reached (360 used)", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("not run: budget of 300 tokens reached", snapshot.BudgetStop, StringComparison.Ordinal);
        Assert.Equal((3, 360L), (snapshot.Usage!.Calls, snapshot.Usage.TotalTokens));
        Assert.Equal(snapshot.Usage, report.Usage);
        Assert.Equal(snapshot.Usage, Assert.Single(report.Segments).Usage);
        Assert.Contains(report.Notes, n => n.StartsWith("Budget reached", StringComparison.Ordinal));
        Assert.Contains("Items not run", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_across_instances_lets_only_the_items_already_running_finish()
    {
        var id = await SubmitAsync(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 3, maxTokens = 300 });
        var snapshot = await Jobs(id);
        var report = (await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;

        // Three items reach the budget; at most one more per other instance was already running then.
        Assert.Equal(JobStatus.CompletedWithErrors, report.Status);
        Assert.InRange(_server.Calls, 3, 5);
        Assert.Equal(Files - _server.Calls, report.Errors.Count);
        Assert.Equal(_server.Calls, snapshot.Usage!.Calls);
        Assert.Equal(snapshot.Usage.Calls, snapshot.Instances.Sum(i => i.Usage?.Calls ?? 0));
        Assert.Equal(Files, snapshot.Progress.ItemsDone);
    }

    [Fact]
    public async Task Cancelling_a_job_aborts_the_model_calls_in_flight()
    {
        _server.Script = r => TestModelServer.DefaultReply(r) with { Delay = TimeSpan.FromMinutes(5) };
        var id = await SubmitAsync(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 3 });
        await Until(() => _server.InFlight == 2, "two calls in flight (the cap)");

        await _cluster.Client.GetGrain<ICommandGrain>(id).CancelAsync();
        var snapshot = await Jobs(id);
        await Until(() => _server.InFlight == 0, "the calls in flight to be aborted");

        Assert.Equal(JobStatus.Cancelled, snapshot.Status);
        Assert.Equal(2, _server.Aborted);
        Assert.Equal(2, _server.Calls);
    }

    [Fact]
    public async Task An_unknown_agent_fails_the_job_with_the_reason()
    {
        var id = await SubmitAsync(new { agent = "nobody" });
        var snapshot = await Jobs(id);

        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.Equal(0, _server.Calls);
        var report = await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync();
        Assert.Contains("Unknown agent 'nobody'", JsonSerializer.Serialize(new { snapshot, report }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    private async Task<JobReport> RunAsync(object options)
    {
        var id = await SubmitAsync(options);
        await Jobs(id);
        return (await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;
    }

    private async Task<string> SubmitAsync(object options)
    {
        var id = Guid.NewGuid().ToString("N");
        await _cluster.Client.GetGrain<ICommandGrain>(id).SubmitAsync(
            new JobSpec("agent", new WorkspaceRef(_workspace, null), JsonSerializer.Serialize(options), null, DateTimeOffset.UtcNow));
        return id;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"Timed out waiting for {what}.");
    }

    private async Task<JobSnapshot> Jobs(string id)
    {
        for (var i = 0; i < 1200; i++)
        {
            var snapshot = await _cluster.Client.GetGrain<ICommandGrain>(id).GetSnapshotAsync();
            if (snapshot is not null && snapshot.Status.IsTerminal())
            {
                return snapshot;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not end.");
    }
}
