using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using ParallelAgents.Abstractions;
using ParallelAgents.Hosting;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>A single silo configured as the service's default mode, hosted in the benchmark process.</summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessService(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The silo's services (the host's: the silo is co-hosted).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the silo. <paramref name="settings"/> (engine, workspace and model-provider keys, e.g.
    /// <c>Models:Providers:x:Endpoint</c>) configure it as the service's configuration would; none by default.
    /// </summary>
    /// <param name="settings">The silo's configuration.</param>
    /// <param name="primary">The first silo of a cluster this one joins (several silos in one process); null for a silo of its own.</param>
    public static async Task<InProcessService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, IPEndPoint? primary = null)
    {
        var siloPort = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        // The model providers are bound from the host's configuration, the engine's options from the silo's.
        builder.Configuration.AddConfiguration(configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, FreePort(), primary);
            silo.AddParallelAgentsInMemory(configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessService(host) { SiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort) };
    }

    /// <summary>The silo's endpoint, for another silo to join as its primary.</summary>
    public IPEndPoint SiloEndpoint { get; private init; } = null!;

    /// <summary>Submits a job and waits on the job grain until it ends; returns the final snapshot.</summary>
    public async Task<JobSnapshot> RunDirectAsync(string command, string options)
    {
        var job = Client.GetGrain<ICommandGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobSpec(command, null, options, null, DateTimeOffset.UtcNow));
        return (await job.WaitAsync(TimeSpan.FromMinutes(5)))!;
    }

    /// <summary>Submits a job and waits for its completion event; returns the final snapshot.</summary>
    public Task<JobSnapshot> RunAsync(string command, string options) => RunAsync(command, options, null, TimeSpan.FromMinutes(5));

    /// <summary>Submits a job over <paramref name="workspace"/> and waits up to <paramref name="timeout"/> for its completion event.</summary>
    public async Task<JobSnapshot> RunAsync(string command, string options, WorkspaceRef? workspace, TimeSpan timeout)
    {
        var id = Guid.NewGuid().ToString("N");
        var done = new TaskCompletionSource<JobSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = Client.GetStreamProvider(Names.StreamProvider).GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, id));
        var handle = await stream.SubscribeAsync((e, _) =>
        {
            if (e.Kind == ProgressEventKind.JobCompleted)
            {
                done.TrySetResult(e.Snapshot!);
            }

            return Task.CompletedTask;
        });
        await Client.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec(command, workspace, options, null, DateTimeOffset.UtcNow));
        var snapshot = await done.Task.WaitAsync(timeout);
        await handle.UnsubscribeAsync();
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
