using System.ComponentModel;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary>Options of every command that talks to a service.</summary>
public class ServerSettings : CommandSettings
{
    /// <summary>Service address.</summary>
    [CommandOption("--server <URL>")]
    [Description("Service address, e.g. http://localhost:5080 (default: $PARALLEL_AGENTS_SERVER).")]
    public string? Server { get; init; }

    /// <summary>API key sent as X-Api-Key.</summary>
    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as the X-Api-Key header (default: $PARALLEL_AGENTS_API_KEY).")]
    public string? ApiKey { get; init; }
}
