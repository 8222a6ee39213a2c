using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ParallelAgents.Models.Caching;
using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Limits;

namespace ParallelAgents.Models;

/// <summary>Registers the model providers with in-process limits and cache; a cluster replaces both seams with grains.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ModelsOptions"/> bound from the <c>Models</c> section (when an <see cref="IConfiguration"/> is
    /// registered) and validated on start, the client factory, and in-process implementations of the seams.
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddOptions<ModelsOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(ModelsOptions.Section).Bind(o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelsOptions>, ModelsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IModelRateGate>(sp => new InProcessModelRateGate(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IModelResponseStore, InMemoryModelResponseStore>();
        services.TryAddSingleton<ModelClientFactory>();
        return services;
    }
}
