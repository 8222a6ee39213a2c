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

    public static async Task<InProcessService> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddParallelAgentsInMemory(new ConfigurationBuilder().Build());
        });
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessService(host);
    }

    /// <summary>Submits a job and waits on the job grain until it ends; returns the final snapshot.</summary>
    public async Task<JobSnapshot> RunDirectAsync(string command, string options)
    {
        var job = Client.GetGrain<ICommandGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobSpec(command, null, options, null, DateTimeOffset.UtcNow));
        return (await job.WaitAsync(TimeSpan.FromMinutes(5)))!;
    }

    /// <summary>Submits a job and waits for its completion event; returns the final snapshot.</summary>
    public async Task<JobSnapshot> RunAsync(string command, string options)
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
        await Client.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec(command, null, options, null, DateTimeOffset.UtcNow));
        var snapshot = await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
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
