using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

/// <summary>Silos killed for real mid-job; each test has a cluster of its own.</summary>
public sealed class FailoverTests
{
    private const int Items = 48;
    private const string Options = """{"items":48,"latencyMs":200,"maxInstances":6,"itemsPerInstance":1}""";

    [Fact]
    public async Task Killing_the_silo_that_runs_segments_loses_and_duplicates_nothing()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.Client;
        var id = await Jobs.SubmitAsync(grains, SyntheticCommand.Name, Options);
        var running = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(60), s => s.Progress.ItemsDone >= 12);
        var victim = running.Instances
            .Where(i => i.State == SegmentStatus.Running && i.Silo is not null && i.Silo != running.Coordinator)
            .Select(i => i.Silo!)
            .First();
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == victim));

        var done = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(90));
        Assert.Equal(JobStatus.Completed, done.Status);
        var report = (await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        AssertEveryItemExactlyOnce(report);
        var moved = report.Segments.Where(s => s.Reassignments > 0).ToArray();
        Assert.NotEmpty(moved);
        Assert.All(moved, s => Assert.Contains(victim, s.Silos));
        Assert.All(moved, s => Assert.True(s.Silos.Count >= 2 && s.Attempts >= 2));
    }

    [Fact]
    public async Task Killing_the_silo_of_the_coordinator_still_completes_the_job()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.Client;
        var id = await Jobs.SubmitAsync(grains, SyntheticCommand.Name, Options);
        var running = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(60), s => s.Progress.ItemsDone >= 12);
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == running.Coordinator));

        var done = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(90));
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.NotEqual(running.Coordinator, done.Coordinator);
        AssertEveryItemExactlyOnce((await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!);
    }

    [Fact]
    public async Task A_ledger_write_conflict_is_resolved_by_re_reading_and_merging_never_by_overwriting()
    {
        await using var cluster = await StartAsync();
        var grains = cluster.Client;
        var serializer = cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();
        var id = await Jobs.SubmitAsync(grains, "stubborn", """{"items":3,"delayMs":400,"maxInstances":1}""");
        var key = $"{Names.SegmentStorage}/ledger/segment/{id}/0";
        await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(30), s => s.Progress.ItemsDone >= 1 && SharedGrainStorage.Contains(key));

        // Another writer stores a newer ledger holding a result this activation does not know.
        var ghost = new ItemResult("ghost", [], null, 0, null) { Attempt = 1 };
        SharedGrainStorage.Rewrite<Segments.SegmentLedger>(serializer, key, ledger =>
        {
            ledger.Results["ghost"] = ghost;
            return ledger;
        });

        var done = await Jobs.WaitAsync(grains, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, done.Status);
        var stored = SharedGrainStorage.Read<Segments.SegmentLedger>(serializer, key);
        Assert.Contains("ghost", stored.Results.Keys);
        Assert.Equal(["ghost", "s0", "s1", "s2"], stored.Results.Keys.Order(StringComparer.Ordinal));
        var segment = Assert.Single((await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!.Segments);
        Assert.Equal(1, segment.Attempts);
        Assert.Empty(segment.Failures);
    }

    internal static void AssertEveryItemExactlyOnce(JobReport report)
    {
        var items = report.Findings.Select(f => f.Properties!["itemId"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(0, Items).Select(SyntheticCommand.ItemId).ToArray(), items);
        Assert.Equal(0, report.Summary.DuplicatesRemoved);
        Assert.Empty(report.Errors);
    }

    internal static async Task<InProcessTestCluster> StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:RetryBaseDelay"] = "00:00:00.020",
        }).Build();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddParallelAgentsCore(configuration);
            foreach (var name in new[] { Names.JobStorage, Names.SegmentStorage, Names.IndexStorage, Names.PubSubStorage })
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new SharedGrainStorage(name, sp.GetRequiredService<Serializer>()));
            }

            silo.Services.AddAgentCommand<StubbornCommand>();
            silo.AddMemoryStreams(Names.StreamProvider);
            silo.UseInMemoryReminderService();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
