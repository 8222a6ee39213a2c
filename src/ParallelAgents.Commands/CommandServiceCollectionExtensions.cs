using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Docs;
using ParallelAgents.Commands.Prime;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Commands.Test;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands;

/// <summary>Registers the built-in commands. Adding a command is one line here.</summary>
public static class CommandServiceCollectionExtensions
{
    /// <summary>Adds every built-in command and the registry.</summary>
    public static IServiceCollection AddBuiltInCommands(this IServiceCollection services)
    {
        services.AddAgentCommand<SyntheticCommand>();
        services.AddAgentAuditCommand();
        services.AddDepsAuditCommand();
        services.AddDocsCommand();
        services.AddTestCommand();
        services.AddPrimeCommand();
        services.AddModelAgentCommand();
        services.TryAddSingleton(sp => new CommandRegistry(sp.GetServices<IAgentCommand>()));
        return services;
    }

    /// <summary>Adds one command as a singleton.</summary>
    public static IServiceCollection AddAgentCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, IAgentCommand
    {
        services.TryAddSingleton<TCommand>();
        services.AddSingleton<IAgentCommand>(sp => sp.GetRequiredService<TCommand>());
        return services;
    }
}
