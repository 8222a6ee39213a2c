using Microsoft.Extensions.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

/// <summary>A finished job's coordinator retires after <c>Engine:KeepFinishedJobFor</c>; its job reads back from storage.</summary>
public sealed class FinishedCoordinatorTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:KeepFinishedJobFor"] = "00:00:00.500",
            ["Scheduling:LearnFromHistory"] = "false",
            ["Scheduling:CpuPressurePercent"] = "100",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddParallelAgentsInMemory(configuration));
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_finished_jobs_coordinator_and_segments_deactivate_and_its_snapshot_and_report_read_back_after_that()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":9,"maxInstances":3,"itemsPerInstance":3}""");
        var done = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Empty(await UntilNoneAsync(id));

        // Reads reactivate the coordinator from storage, and it retires again.
        var job = Grains.GetGrain<ICommandGrain>(id);
        var snapshot = (await job.GetSnapshotAsync())!;
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(9, snapshot.Progress.ItemsDone);
        Assert.Equal(done.Metrics.Instances, snapshot.Metrics.Instances);
        var report = (await job.GetReportAsync())!;
        Assert.Equal(9, report.Findings.Count);
        Assert.Equal(3, report.Segments.Count);
        Assert.Equal(JobStatus.Completed, (await job.WaitAsync(TimeSpan.FromSeconds(5)))!.Status);
        Assert.Empty(await UntilNoneAsync(id));
    }

    // Deactivation follows the job's end and the retirement timer; wait for it rather than for a time.
    private async Task<List<string>> UntilNoneAsync(string jobId)
    {
        var left = await ActivationsAsync(jobId);
        for (var wait = 0; left.Count > 0 && wait < 300; wait++)
        {
            await Task.Delay(50);
            left = await ActivationsAsync(jobId);
        }

        return left;
    }

    private async Task<List<string>> ActivationsAsync(string jobId)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Select(s => s.GrainId.ToString()).Where(g => g == "command/" + jobId || g.StartsWith("segment/" + jobId + "/", StringComparison.Ordinal))];
    }
}
