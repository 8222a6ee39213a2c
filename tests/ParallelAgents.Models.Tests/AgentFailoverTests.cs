using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Tests;
using ParallelAgents.Hosting;

namespace ParallelAgents.Models.Tests;

/// <summary>A silo killed mid-job: checkpointed items are never sent again, and nothing is lost.</summary>
public sealed class AgentFailoverTests
{
    private const int Files = 24;
    private const int Cap = 4;

    [Fact]
    public async Task Killing_a_silo_mid_job_sends_each_item_at_most_once_more_than_its_calls_in_flight()
    {
        await using var server = await TestModelServer.StartAsync();
        server.Script = r => TestModelServer.DefaultReply(r) with { Delay = TimeSpan.FromMilliseconds(250) };
        var workspace = Directory.CreateTempSubdirectory("agent-failover-").FullName;
        try
        {
            for (var i = 0; i < Files; i++)
            {
                File.WriteAllText(Path.Combine(workspace, $"f{i:D2}.txt"), $"file {i}\n");
            }

            await using var cluster = await StartAsync(server);
            var grains = cluster.Client;
            var id = Guid.NewGuid().ToString("N");
            var options = JsonSerializer.Serialize(new { agent = "code-reviewer", partitionBy = "file", maxInstances = 6 });
            await grains.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec("agent", new WorkspaceRef(workspace, null), options, null, DateTimeOffset.UtcNow));

            var running = await WaitAsync(grains, id, s => s.Progress.ItemsDone >= 6);
            var victim = running.Instances
                .Where(i => i.State == SegmentStatus.Running && i.Silo is not null && i.Silo != running.Coordinator)
                .Select(i => i.Silo!)
                .First();
            await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == victim));

            var done = await WaitAsync(grains, id, s => s.Status.IsTerminal());
            var report = (await grains.GetGrain<ICommandGrain>(id).GetReportAsync())!;
            Assert.True(done.Status == JobStatus.Completed, $"{done.Status}: " + string.Join("\n", report.Errors.Select(e => e.Message).Concat(report.Notes).Concat(report.Segments.SelectMany(s => s.Failures))));
            Assert.Equal(Enumerable.Range(0, Files).Select(i => $"f{i:D2}.txt"), report.Findings.Select(f => f.File!).Order(StringComparer.Ordinal));

            // Every item reached the model; only calls in flight on the dead silo may have been sent a second time.
            var perItem = server.Requests.GroupBy(r => r.LastUserText).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Files, perItem.Count);
            Assert.All(perItem.Values, count => Assert.InRange(count, 1, 2));
            Assert.InRange(server.Calls, Files, Files + Cap);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    private static async Task<InProcessTestCluster> StartAsync(TestModelServer server)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Providers:test:Kind"] = "OpenAI",
            ["Models:Providers:test:Endpoint"] = server.OpenAIEndpoint,
            ["Models:Providers:test:Model"] = "test-model",
            ["Models:Providers:test:MaxConcurrency"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workspaces:AllowedRoots:0"] = Path.GetTempPath(),
            ["Engine:RetryBaseDelay"] = "00:00:00.020",
        }).Build();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IConfiguration>(configuration);
            silo.AddParallelAgentsCore(configuration);
            foreach (var name in new[] { Names.JobStorage, Names.SegmentStorage, Names.IndexStorage, Names.PubSubStorage, Names.ModelStorage })
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new SharedGrainStorage(name, sp.GetRequiredService<Serializer>()));
            }

            silo.AddMemoryStreams(Names.StreamProvider);
            silo.UseInMemoryReminderService();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<JobSnapshot> WaitAsync(IGrainFactory grains, string id, Func<JobSnapshot, bool> until)
    {
        for (var i = 0; i < 2400; i++)
        {
            JobSnapshot? snapshot = null;
            try
            {
                snapshot = await grains.GetGrain<ICommandGrain>(id).GetSnapshotAsync();
            }
            catch (Exception e) when (e is Orleans.Runtime.SiloUnavailableException or TimeoutException or Orleans.Runtime.OrleansMessageRejectionException)
            {
                // The job's silo may be going down: ask again.
            }

            if (snapshot is not null && until(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not reach the expected state.");
    }
}
