using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;
using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Azure;

namespace ParallelAgents.Grains.Tests.Index;

/// <summary>The index in the durable mode: Azure Storage on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class JobIndexDurableTests(Azurite azurite)
{
    [Fact]
    public async Task Every_job_and_count_is_there_after_the_silo_is_killed_and_a_new_one_starts()
    {
        var workload = new IndexWorkload(5_000, owners: 20, days: 10, seed: 11);
        var serviceId = "index-" + Guid.NewGuid().ToString("N")[..8];
        var first = await StartAsync(serviceId);
        try
        {
            await workload.UpsertAllAsync(first.Client, concurrency: 16);

            // Killed, not stopped: nothing is written on the way down, so what follows was stored as it happened.
            await first.KillSiloAsync(first.Silos[0]);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = await StartAsync(serviceId);
        try
        {
            var grains = second.Client;
            var everyone = await JobIndex.ListAsync(grains, null, null, 0, 5_000);
            Assert.Equal(5_000, everyone.Total);

            // Progress alone is stored within a second, not on each change; statuses, order and the rest are exact.
            Assert.Equal(workload.Expected(null, null).Select(WithoutProgress), everyone.Items.Select(WithoutProgress));
            Assert.Equal(
                workload.Final.Where(j => j.Status.IsTerminal()).OrderBy(j => j.Id, StringComparer.Ordinal),
                everyone.Items.Where(j => j.Status.IsTerminal()).OrderBy(j => j.Id, StringComparer.Ordinal));

            foreach (var status in Enum.GetValues<JobStatus>())
            {
                Assert.Equal(workload.Expected(status, null).Length, (await JobIndex.ListAsync(grains, status, null, 0, 0)).Total);
            }

            foreach (var owner in new[] { "owner-0@example.com", "owner-19@example.com" })
            {
                var expected = workload.Expected(JobStatus.Completed, owner);
                var page = await JobIndex.ListAsync(grains, JobStatus.Completed, owner, 5, 30);
                Assert.Equal(expected.Length, page.Total);
                Assert.Equal(expected.Skip(5).Take(30), page.Items);
                Assert.Equal(workload.Expected(null, owner).Count(j => !j.Status.IsTerminal()), await JobIndex.CountUnfinishedAsync(grains, owner));
            }
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static JobSummary WithoutProgress(JobSummary job) =>
        job.Status == JobStatus.Running ? job with { ItemsDone = 0, Percent = 0 } : job;

    private async Task<InProcessTestCluster> StartAsync(string serviceId)
    {
        var configuration = new ConfigurationBuilder().Build();
        var clients = StorageClients.Create(new StorageOptions { Provider = "AzureStorage", ConnectionString = azurite.ConnectionString }, null);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddParallelAgentsAzureStorage(configuration, clients);

            // The emulator shares the machine with the test; a slow answer is not what this test is about.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(3));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(3)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
