using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Hosting;

/// <summary>Resolves Spectre.Console.Cli's commands and settings from the container.</summary>
public sealed class TypeResolver(IServiceProvider provider) : ITypeResolver, IDisposable
{
    /// <inheritdoc />
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    /// <inheritdoc />
    public void Dispose() => (provider as IDisposable)?.Dispose();
}
