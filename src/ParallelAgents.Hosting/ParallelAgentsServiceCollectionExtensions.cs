using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ParallelAgents.Commands;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Jobs;
using ParallelAgents.Grains.Scheduling;
using ParallelAgents.Grains.Segments;
using ParallelAgents.Grains.Workspaces;
using ParallelAgents.Hosting.Models;

namespace ParallelAgents.Hosting;

/// <summary>Services every silo of the service needs: the commands, workspace access and engine options.</summary>
public static class ParallelAgentsServiceCollectionExtensions
{
    /// <summary>Registers commands, options, workspace resolution and the per-silo job context cache.</summary>
    public static IServiceCollection AddParallelAgentsServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>());
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>());
        services.AddOptions<WorkspaceOptions>().Bind(configuration.GetSection(WorkspaceOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkspaceOptions>, WorkspaceOptionsValidator>());
        services.AddOptions<GitOptions>().Bind(configuration.GetSection(GitOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitOptions>, GitOptionsValidator>());
        services.AddMemoryCache();
        services.AddMetrics();
        services.TryAddSingleton<ParallelAgentsMetrics>();
        services.AddClusterModelServices();
        services.AddBuiltInCommands();
        services.TryAddSingleton<JobContextFactory>();
        services.TryAddSingleton<RunningSegments>();
        services.TryAddSingleton(sp => new WorkspaceStore(
            sp.GetRequiredService<IOptions<WorkspaceOptions>>(),
            sp.GetService<IArchiveReplica>()));
        services.TryAddSingleton(sp => new GitUrlPolicy(sp.GetRequiredService<IOptions<GitOptions>>(), sp.GetRequiredService<IOptions<WorkspaceOptions>>()));
        services.TryAddSingleton<GitRunner>();
        services.TryAddSingleton<GitClient>();
        services.TryAddSingleton<LocalRepository>();
        services.TryAddSingleton<GitCheckoutCache>();
        services.TryAddSingleton<IWorkspaceResolver, WorkspaceResolver>();
        return services;
    }
}
