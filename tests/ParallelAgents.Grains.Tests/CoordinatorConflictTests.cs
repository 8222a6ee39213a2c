using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Engine.Jobs;

namespace ParallelAgents.Grains.Tests;

/// <summary>
/// A second activation of a job's coordinator (Orleans can run two for a while after a directory partition's owner
/// dies) writes the job's state behind the first one's back. A write conflict on the job's state never fails the job.
/// </summary>
public sealed class CoordinatorConflictTests
{
    private const string Options = """{"items":48,"latencyMs":200,"maxInstances":6,"itemsPerInstance":1}""";

    [Fact]
    public async Task An_activation_that_was_taken_over_steps_down_and_the_job_completes_once_with_every_item()
    {
        await using var cluster = await FailoverTests.StartAsync();
        var grains = cluster.Client;
        var serializer = cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var id = await Jobs.SubmitAsync(grains, SyntheticCommand.Name, Options);
        var running = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(60), s => s.Progress.ItemsDone >= 6);

        // What a second activation does when it takes the job over: it stores the job under a higher generation.
        long claimed = 0;
        SharedGrainStorage.Rewrite<JobState>(serializer, Key(id), job =>
        {
            claimed = ++job.Generation;
            return job;
        });

        var done = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(120));
        Assert.Equal(JobStatus.Completed, done.Status);
        FailoverTests.AssertEveryItemExactlyOnce((await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!);
        var stored = SharedGrainStorage.Read<JobState>(serializer, Key(id));
        Assert.True(stored.Generation > claimed, $"the job was finished by an activation that took it over (generation {stored.Generation} > {claimed})");
        Assert.Equal(JobStatus.Completed, stored.Status);
        Assert.True(running.Progress.ItemsDone < 48);
    }

    [Fact]
    public async Task An_activation_whose_state_changed_under_it_re_reads_and_carries_on()
    {
        await using var cluster = await FailoverTests.StartAsync();
        var grains = cluster.Client;
        var serializer = cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var id = await Jobs.SubmitAsync(grains, SyntheticCommand.Name, Options);
        await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(60), s => s.Progress.ItemsDone >= 6);

        // A stale writer of the same generation: the state is the same, its ETag is not.
        SharedGrainStorage.Rewrite<JobState>(serializer, Key(id), job => job);

        var done = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(120));
        Assert.Equal(JobStatus.Completed, done.Status);
        var report = (await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        FailoverTests.AssertEveryItemExactlyOnce(report);
        Assert.Equal(JobStatus.Completed, report.Status);
    }

    private static string Key(string id) => $"{Names.JobStorage}/job/command/{id}";
}
