using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParallelAgents.Commands.Test.Sandbox;

namespace ParallelAgents.Commands.Test;

/// <summary>Registers the test command, its settings and the silo-wide sandbox.</summary>
public static class TestServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>test</c> command. Settings come from <c>Commands:Test</c> when an <see cref="IConfiguration"/> is
    /// registered; without one the command is registered but disabled.
    /// </summary>
    public static IServiceCollection AddTestCommand(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => TestCommandOptions.From(sp.GetService<IConfiguration>()));
        services.TryAddSingleton(sp => new SandboxLauncher(sp.GetRequiredService<TestCommandOptions>()));
        services.AddAgentCommand<TestCommand>();
        return services;
    }
}
