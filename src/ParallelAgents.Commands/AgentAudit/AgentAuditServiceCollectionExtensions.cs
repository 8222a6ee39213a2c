using Microsoft.Extensions.DependencyInjection;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Registers agent-audit.</summary>
public static class AgentAuditServiceCollectionExtensions
{
    /// <summary>Adds the agent-audit command.</summary>
    public static IServiceCollection AddAgentAuditCommand(this IServiceCollection services) => services.AddAgentCommand<AgentAuditCommand>();
}
