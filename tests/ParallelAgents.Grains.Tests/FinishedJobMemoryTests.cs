using Orleans.Runtime;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Tests;

/// <summary>A finished job's results live in storage, not in activations that stay until Orleans collects them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FinishedJobMemoryTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task After_a_job_completes_its_segment_grains_are_no_longer_activated_and_its_snapshot_and_report_still_read_back()
    {
        var id = await Jobs.SubmitAsync(Grains, "synthetic", """{"items":12,"maxInstances":4,"itemsPerInstance":3}""");
        var snapshot = await Jobs.WaitAsync(Grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, snapshot.Status);
        Assert.Equal(4, snapshot.Instances.Count);

        // Deactivation follows the aggregation's read of each ledger; wait for it rather than for a time.
        var segments = await SegmentActivationsAsync(id);
        for (var wait = 0; segments.Count > 0 && wait < 200; wait++)
        {
            await Task.Delay(50);
            segments = await SegmentActivationsAsync(id);
        }

        Assert.Empty(segments);
        var job = Grains.GetGrain<ICommandGrain>(id);
        Assert.Equal(JobStatus.Completed, (await job.GetSnapshotAsync())!.Status);
        for (var read = 0; read < 2; read++)
        {
            var report = (await job.GetReportAsync())!;
            Assert.Equal(JobStatus.Completed, report.Status);
            Assert.Equal(12, report.Findings.Count);
            Assert.Equal(4, report.Segments.Count);
        }

        Assert.Contains(await job.GetEventsAsync(0), e => e.Kind == ProgressEventKind.JobCompleted);
    }

    private async Task<List<string>> SegmentActivationsAsync(string jobId)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Select(s => s.GrainId.ToString()).Where(g => g.StartsWith("segment/" + jobId + "/", StringComparison.Ordinal))];
    }
}
