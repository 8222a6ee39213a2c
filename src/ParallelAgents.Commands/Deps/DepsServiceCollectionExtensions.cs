using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.Commands.Deps;

/// <summary>Registers deps-audit and its silo-wide advisory service.</summary>
public static class DepsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the command and one <see cref="AdvisoryService"/> per container (silo), configured from
    /// <c>Advisories:OsvDirectory</c> / <c>Advisories:OsvApiUrl</c> when an <see cref="IConfiguration"/> is registered.
    /// </summary>
    public static IServiceCollection AddDepsAuditCommand(this IServiceCollection services)
    {
        services.AddAgentCommand<DepsAuditCommand>();
        services.TryAddSingleton(sp => new AdvisoryService(AdvisoryOptions.From(sp.GetService<IConfiguration>()), sp.GetService<ILoggerFactory>()));
        return services;
    }
}
