using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands;
using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

/// <summary>A three-silo in-process cluster configured like the service in its default mode.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public static InProcessTestCluster Build(short silos = 3, Action<InProcessTestClusterBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Engine:RetryBaseDelay"] = "00:00:00.020",
            ["Engine:RetryMaxDelay"] = "00:00:00.100",
            ["Engine:RetryMaxAttempts"] = "3",
            ["Engine:MaxWorkItemsPerJob"] = "1000",
            // Pool sizes here are what each test asks for; learning from earlier tests' runs would change them.
            ["Scheduling:LearnFromHistory"] = "false",
            // The silos share one machine: each would count the others' segments as outside CPU pressure.
            ["Scheduling:CpuPressurePercent"] = "100",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddParallelAgentsInMemory(configuration);
            silo.Services.AddAgentCommand<FlakyCommand>();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(Names.StreamProvider));
        configure?.Invoke(builder);
        return builder.Build();
    }

    public async Task InitializeAsync()
    {
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
