using Microsoft.Extensions.Options;
using Orleans.Configuration;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Hosting;
using ParallelAgents.Hosting.Azure;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Hosting;

/// <summary>Puts the process in the cluster in its configured role: a co-hosted silo, a client of the silos, or a silo alone.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Reads <c>Orleans:Role</c> and the storage settings, refuses a combination that cannot work, and adds the silo
    /// (<see cref="OrleansRole.Combined"/>, <see cref="OrleansRole.Silo"/>) or the cluster client
    /// (<see cref="OrleansRole.Client"/>). Invalid settings throw <see cref="OptionsValidationException"/> naming them.
    /// </summary>
    public static OrleansRole AddParallelAgentsCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var topology = configuration.GetSection(OrleansTopologyOptions.Section).Get<OrleansTopologyOptions>() ?? new OrleansTopologyOptions();

        // Checked here, not only at start: the silo or client is built from these values.
        var storageValidator = new StorageOptionsValidator();
        var topologyValidator = new OrleansTopologyOptionsValidator(storage);
        var failures = storageValidator.Validate(null, storage).Failures?.ToList() ?? [];
        if (failures.Count == 0)
        {
            failures.AddRange(topologyValidator.Validate(null, topology).Failures ?? []);
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(OrleansTopologyOptions.Section, typeof(OrleansTopologyOptions), failures);
        }

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>>(storageValidator);
        builder.Services.AddOptions<OrleansTopologyOptions>().BindConfiguration(OrleansTopologyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrleansTopologyOptions>>(sp =>
            new OrleansTopologyOptionsValidator(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddEntraModelCredentials();
        EntraGitTokenProvider.Register(builder.Services);

        StorageClients? clients = null;
        if (storage.IsAzure)
        {
            clients = StorageClients.Create(storage, configuration[ConfigurationKeys.AzureClientId]);

            // Registered before Orleans so that unreachable storage stops start-up before Orleans begins retrying.
            builder.Services.AddHostedService(_ => new StoragePreflightService(clients, storage));
        }

        var role = topology.ParsedRole!.Value;
        if (role == OrleansRole.Client)
        {
            builder.AddParallelAgentsClusterClient(clients!, topology.Client);
        }
        else
        {
            builder.AddParallelAgentsSilo(clients);
        }

        return role;
    }

    /// <summary>The cluster and service ids, the same for silos and clients: read through DI so late settings count.</summary>
    internal static void AddClusterIdentity(IServiceCollection services) =>
        services.AddOptions<ClusterOptions>().PostConfigure<IConfiguration>((o, c) =>
        {
            o.ClusterId = c[ConfigurationKeys.OrleansClusterId] is { Length: > 0 } cluster ? cluster : "parallel-agents-dev";
            o.ServiceId = c[ConfigurationKeys.OrleansServiceId] is { Length: > 0 } service ? service : "parallel-agents";
        });

    /// <summary>Fails start-up with a clear message when storage does not answer.</summary>
    private sealed class StoragePreflightService(StorageClients clients, StorageOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => StoragePreflight.CheckAsync(clients, options, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
