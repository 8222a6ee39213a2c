using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Grains.Tests;

/// <summary>Admission on a cluster: one slot per silo, a backlog of low-priority jobs, and a critical job behind it.</summary>
public sealed class AdmissionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_critical_job_submitted_behind_a_saturating_low_priority_backlog_starts_before_it_and_every_job_ends()
    {
        await using var cluster = await OneSlotPerSiloAsync(3);
        var grains = cluster.Client;
        var scheduler = grains.GetGrain<IAdmissionGrain>(0);

        // Nine low jobs of one instance each on three slots: six of them wait.
        var lows = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            lows.Add(await SubmitAsync(grains, """{"items":5,"latencyMs":200,"maxInstances":1}""", JobPriority.Low));
        }

        // Every low job is running or has its place in the queue.
        JobSnapshot?[] snapshots = [];
        await Until(async () =>
        {
            snapshots = await Task.WhenAll(lows.Select(id => grains.GetGrain<ICommandGrain>(id).GetSnapshotAsync()));
            return snapshots.All(s => s!.StartedAt is not null || s.QueuePosition is not null);
        });
        Assert.Contains(snapshots, s => s!.QueuePosition is not null && s.StartedAt is null && s.Priority == JobPriority.Low);

        // The critical job wants all three slots: no low job gets one before it has them.
        var critical = await SubmitAsync(grains, """{"items":3,"latencyMs":100,"maxInstances":3,"itemsPerInstance":1,"parallelThreshold":0}""", JobPriority.Critical);
        var criticalQueued = await Jobs.WaitAsync(grains, critical, Timeout, s => s.QueuePosition is not null || s.StartedAt is not null);
        Assert.True(criticalQueued.QueuePosition is null or 1, $"the critical job is at position {criticalQueued.QueuePosition}");

        var done = await Task.WhenAll(lows.Append(critical).Select(id => Jobs.WaitAsync(grains, id, Timeout)));
        Assert.All(done, s => Assert.Equal(JobStatus.Completed, s.Status));
        var criticalDone = done[^1];
        Assert.Equal(3, criticalDone.Instances.Count);
        var startedAfter = done[..^1].Count(s => s.StartedAt > criticalDone.StartedAt);
        Assert.True(startedAfter >= 3, $"only {startedAfter} of the low jobs submitted before the critical one started after it");
        Assert.All(done, s => Assert.Null(s.QueuePosition));

        // Nothing is left waiting or held once every job ended.
        await Until(async () => (await scheduler.GetViewAsync()) is { QueuedSegments: 0 } view && view.Silos.All(s => s.Running < 0.001));
    }

    [Fact]
    public async Task A_scheduler_that_deactivates_right_after_a_change_comes_back_with_its_queue()
    {
        await using var cluster = await OneSlotPerSiloAsync(1);
        var grains = cluster.Client;
        var scheduler = grains.GetGrain<IAdmissionGrain>(0);

        // One job holds the only slot for a while; two more wait behind it.
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await SubmitAsync(grains, """{"items":4,"latencyMs":1500,"maxInstances":1}""", JobPriority.Normal));
        }

        AdmissionView before = null!;
        await Until(async () => (before = await scheduler.GetViewAsync()).Queue.Count(q => q.WaitingSegments > 0) == 2);

        // Within the second a change may wait before it is written, the scheduler goes: what it knew is written on the way out.
        await scheduler.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await scheduler.GetViewAsync();
        Assert.Equal(before.Queue.Select(q => q.JobId), after.Queue.Select(q => q.JobId));
        Assert.Equal(before.QueuedSegments, after.QueuedSegments);

        var done = await Task.WhenAll(jobs.Select(id => Jobs.WaitAsync(grains, id, Timeout)));
        Assert.All(done, s => Assert.Equal(JobStatus.Completed, s.Status));
    }

    // A cluster whose silos take one segment each, whatever their load, reporting often; started, with every silo known to the scheduler.
    private static async Task<InProcessTestCluster> OneSlotPerSiloAsync(short silos)
    {
        var cluster = ClusterFixture.Build(silos, b => b.ConfigureSilo((_, silo) => silo.Services.Configure<SchedulingOptions>(o =>
        {
            o.MaxSegmentsPerSilo = 1;
            o.LatencyBoundShare = 1;
            o.ReportInterval = TimeSpan.FromMilliseconds(200);
            o.CpuPressurePercent = 100;
            o.MemoryPerSegmentBytes = 0;
            o.LearnFromHistory = false;
        })));
        await cluster.DeployAsync();
        var scheduler = cluster.Client.GetGrain<IAdmissionGrain>(0);
        await Until(async () => (await scheduler.GetViewAsync()).Silos.Count == silos);
        return cluster;
    }

    private static async Task<string> SubmitAsync(IGrainFactory grains, string options, JobPriority priority)
    {
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec("synthetic", null, options, null, DateTimeOffset.UtcNow) { Priority = priority });
        return id;
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(50);
        }
    }
}
