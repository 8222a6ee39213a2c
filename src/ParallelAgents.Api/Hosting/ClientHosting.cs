using Orleans.Configuration;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Workspaces;
using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Azure;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Hosting;

/// <summary>
/// The <see cref="OrleansRole.Client"/> role: no silo in this process. The API reaches the cluster through the gateways
/// listed in the Azure Table clustering, follows jobs on the same in-cluster streams as the silos, and reads submissions
/// with the same commands and workspace rules, so a request is refused or accepted exactly as a co-hosted one is.
/// </summary>
public static partial class ClientHosting
{
    /// <summary>Adds the cluster client and the services the endpoints use that a co-hosted silo would have brought.</summary>
    public static WebApplicationBuilder AddParallelAgentsClusterClient(this WebApplicationBuilder builder, StorageClients clients, OrleansClientOptions options)
    {
        // Commands, engine and workspace options, the upload store: the API reads and checks submissions itself.
        builder.Services.AddParallelAgentsServices(builder.Configuration);

        // An upload lands on this front end; the silo that runs the job fetches it from blob storage.
        builder.Services.AddSingleton<IArchiveReplica>(new BlobArchiveReplica(clients.Blobs));

        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = clients.Tables);
            // The silos' provider (in-cluster memory streams): the subscription is kept by the silos' pub-sub and
            // events reach this client through its gateway, so SSE follows a job as on a co-hosted silo.
            client.AddMemoryStreams(Names.StreamProvider);
            client.AddActivityPropagation();
            client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.Services.AddSingleton<IClientConnectionRetryFilter>(sp =>
                new KeepTryingConnectionFilter(options.ConnectRetryDelay, sp.GetRequiredService<ILogger<KeepTryingConnectionFilter>>()));
            ClusterHosting.AddClusterIdentity(client.Services);
        });
        return builder;
    }

    /// <summary>
    /// A front end may start before any silo, or outlive all of them for a while: it keeps trying to reach the
    /// cluster rather than exiting, and says so in the log. Orleans' default gives up after about 15 attempts.
    /// </summary>
    private sealed partial class KeepTryingConnectionFilter(TimeSpan delay, ILogger<KeepTryingConnectionFilter> logger) : IClientConnectionRetryFilter
    {
        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            Log.NoCluster(logger, exception.GetType().Name, exception.Message.Split('\n')[0], delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, cancellationToken);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the cluster answered ({Error}: {Detail}); trying again in {Seconds} s. Check that silos run with the same Orleans__ClusterId, Orleans__ServiceId and storage.")]
        public static partial void NoCluster(ILogger logger, string error, string detail, double seconds);
    }
}
