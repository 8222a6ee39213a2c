namespace ParallelAgents.Engine.Commands;

/// <summary>The commands this service knows, by name.</summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, IAgentCommand> _commands;

    /// <summary>Builds the registry; names must be unique.</summary>
    public CommandRegistry(IEnumerable<IAgentCommand> commands)
    {
        _commands = new(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (!_commands.TryAdd(command.Descriptor.Name, command))
            {
                throw new InvalidOperationException($"Two commands are named '{command.Descriptor.Name}'.");
            }
        }
    }

    /// <summary>Every command, by name.</summary>
    public IReadOnlyCollection<IAgentCommand> All => _commands.Values.OrderBy(c => c.Descriptor.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Names, sorted.</summary>
    public IReadOnlyList<string> Names => _commands.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Finds a command.</summary>
    public bool TryGet(string name, out IAgentCommand command) => _commands.TryGetValue(name, out command!);

    /// <summary>Finds a command or throws with the list of valid names.</summary>
    public IAgentCommand Get(string name) =>
        TryGet(name, out var command) ? command : throw new KeyNotFoundException($"Unknown command '{name}'. Valid commands: {string.Join(", ", Names)}.");
}
