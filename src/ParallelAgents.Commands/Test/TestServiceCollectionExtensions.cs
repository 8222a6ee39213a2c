using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ParallelAgents.Commands.Test.Sandbox;

namespace ParallelAgents.Commands.Test;

/// <summary>Registers the test command, its settings and the silo-wide sandbox.</summary>
public static class TestServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>test</c> command. Settings come from <c>Commands:Test</c> when an <see cref="IConfiguration"/> is
    /// registered (validated at start-up); without one the command is registered but disabled.
    /// </summary>
    public static IServiceCollection AddTestCommand(this IServiceCollection services)
    {
        services.AddOptions<TestCommandOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(TestCommandOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TestCommandOptions>, TestCommandOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TestCommandOptions>>().Value);
        services.TryAddSingleton(sp => new SandboxLauncher(sp.GetRequiredService<TestCommandOptions>()));
        services.AddAgentCommand<TestCommand>();
        return services;
    }
}
