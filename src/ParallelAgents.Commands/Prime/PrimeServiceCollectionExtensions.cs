using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParallelAgents.Commands.Prime;

/// <summary>Registers the prime command and the per-silo file index cache its instances share.</summary>
public static class PrimeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PrimeCommand"/> and <see cref="FileIndexCache"/>.</summary>
    public static IServiceCollection AddPrimeCommand(this IServiceCollection services)
    {
        services.TryAddSingleton<FileIndexCache>();
        services.AddAgentCommand<PrimeCommand>();
        return services;
    }
}
