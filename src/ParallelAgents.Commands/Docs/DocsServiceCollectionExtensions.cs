using Microsoft.Extensions.DependencyInjection;

namespace ParallelAgents.Commands.Docs;

/// <summary>Registers the docs command.</summary>
public static class DocsServiceCollectionExtensions
{
    /// <summary>Adds the <c>docs</c> command.</summary>
    public static IServiceCollection AddDocsCommand(this IServiceCollection services) => services.AddAgentCommand<DocsCommand>();
}
