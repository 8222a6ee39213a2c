using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Models;

namespace ParallelAgents.Commands.Agent;

/// <summary>Registers the <c>agent</c> command and the model services it calls.</summary>
public static class AgentCommandServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AgentCommand"/> and the model providers (in-process seams unless a cluster replaced them).</summary>
    public static IServiceCollection AddModelAgentCommand(this IServiceCollection services)
    {
        services.AddModels();
        services.AddAgentCommand<AgentCommand>();
        return services;
    }
}
