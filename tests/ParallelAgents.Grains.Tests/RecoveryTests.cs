using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands;
using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

/// <summary>Lease expiry and graceful degradation, each on a cluster configured for it.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task A_segment_without_progress_within_its_lease_is_redistributed()
    {
        await using var cluster = await StartAsync(new() { ["Engine:SegmentLease"] = "00:00:02" });
        var id = await Jobs.SubmitAsync(cluster.Client, "stubborn", """{"items":2,"hang":true}""");
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(150));
        Assert.Equal(JobStatus.Completed, done.Status);
        var report = (await cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Segments, s =>
        {
            Assert.True(s.Reassignments >= 1 && s.Attempts >= 2);
            Assert.Contains(s.Failures, f => f.Contains("lease", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task After_repeated_dispatch_failures_the_rest_runs_sequentially_and_the_report_says_so()
    {
        await using var cluster = await StartAsync(new()
        {
            ["Engine:DegradeAfterDispatchFailures"] = "2",
            ["Engine:RetryMaxAttempts"] = "5",
        });
        var id = await Jobs.SubmitAsync(cluster.Client, "stubborn", """{"items":3,"failFirst":2}""");
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(150));
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.True(done.Degraded);
        var report = (await cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.True(report.Degraded);
        Assert.Contains(report.Notes, n => n.StartsWith("Degraded:", StringComparison.Ordinal));
        Assert.Equal(3, report.Findings.Count);
        Assert.All(report.Segments, s => Assert.Equal(SegmentStatus.Completed, s.Status));
        Assert.All(["s0", "s1", "s2"], item => Assert.Equal(3, StubbornCommand.ExecutionsOf(id, item)));
    }

    private static async Task<InProcessTestCluster> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Engine:RetryBaseDelay"] = "00:00:00.010";
        settings["Engine:RetryMaxDelay"] = "00:00:00.050";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddParallelAgentsInMemory(configuration);
            silo.Services.AddAgentCommand<StubbornCommand>();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
