using Spectre.Console.Testing;

namespace ParallelAgents.Cli.Tests;

/// <summary>Runs the CLI like a user would, with a recording console, in a folder of its own.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun(Func<Uri, HttpClient>? createHttpClient = null, IReadOnlyDictionary<string, string>? variables = null, bool interactive = false)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pa-cli-run-").FullName;
        Console = new TestConsole().Width(220);
        if (interactive)
        {
            Console.Interactive();
        }

        Environment = new CliEnvironment(
            Console,
            createHttpClient ?? CliEnvironment.DefaultHttpClient,
            name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            Directory);
    }

    public string Directory { get; }

    public TestConsole Console { get; }

    public CliEnvironment Environment { get; }

    public string Output => Console.Output;

    public Task<int> RunAsync(params string[] args) => CliApplication.RunAsync(args, Environment);

    /// <summary>Runs and checks the exit code, showing the output when it differs.</summary>
    public async Task ExpectAsync(int exitCode, params string[] args)
    {
        var exit = await RunAsync(args);
        if (exit != exitCode)
        {
            throw new Xunit.Sdk.XunitException($"Exit code {exit}, expected {exitCode}. Output:\n{Output}");
        }
    }

    public void Dispose()
    {
        Console.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
