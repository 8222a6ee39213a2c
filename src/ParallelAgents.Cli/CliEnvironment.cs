using Spectre.Console;

namespace ParallelAgents.Cli;

/// <summary>What the CLI touches outside itself, so tests can give it a recording console, an in-memory server and a folder.</summary>
/// <param name="Console">Where output goes.</param>
/// <param name="CreateHttpClient">Makes the HTTP client for a server address (tests hand in a test server's client).</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="WorkingDirectory">Relative paths are resolved from here.</param>
public sealed record CliEnvironment(
    IAnsiConsole Console,
    Func<Uri, HttpClient> CreateHttpClient,
    Func<string, string?> GetVariable,
    string WorkingDirectory)
{
    /// <summary>Environment variable naming the default server.</summary>
    public const string ServerVariable = "PARALLEL_AGENTS_SERVER";

    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "PARALLEL_AGENTS_API_KEY";

    /// <summary>The real process: the terminal, real sockets, the process environment and current directory.</summary>
    public static CliEnvironment FromProcess()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // CI logs have no window; Spectre would otherwise wrap every line at 80 columns.
            console.Profile.Width = 200;
        }

        return new(console, DefaultHttpClient, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
    }

    /// <summary>An HTTP client for a server (<see cref="Remote.ServerHttpClients"/>): safe requests are retried on transient failures.</summary>
    public static HttpClient DefaultHttpClient(Uri server) => Remote.ServerHttpClients.Create(server);
}
