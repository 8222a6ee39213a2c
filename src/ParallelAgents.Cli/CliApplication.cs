using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Cli.Commands;
using ParallelAgents.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli;

/// <summary>The command tree and the mapping of failures to exit codes.</summary>
public static class CliApplication
{
    /// <summary>Runs one command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("parallel-agents");
            config.ConfigureConsole(environment.Console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<RunCommand>("run")
                .WithDescription("Runs a command over a workspace on a pool of parallel agent instances, with live progress bars.")
                .WithExample("run", "synthetic", "--option", "items=24", "--option", "latencyMs=150", "--max-instances", "4")
                .WithExample("run", "agent-audit", ".", "--format", "sarif", "--out", "audit.sarif", "--fail-on", "high")
                .WithExample("run", "docs", "./repo", "--server", "http://localhost:5080", "--upload");
            config.AddBranch("jobs", jobs =>
            {
                jobs.SetDescription("Lists, shows, cancels jobs on a service and fetches their reports.");
                jobs.AddCommand<JobsListCommand>("list").WithDescription("Lists jobs, newest first.");
                jobs.AddCommand<JobsShowCommand>("show").WithDescription("Shows a job's instances, progress and metrics.");
                jobs.AddCommand<JobsCancelCommand>("cancel").WithDescription("Cancels a job.");
                jobs.AddCommand<JobsReportCommand>("report").WithDescription("Prints or saves a finished job's report.");
            });
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (CliException e)
        {
            Error(environment.Console, e.Message, e.Details);
            return e.ExitCode;
        }
        catch (CommandAppException e)
        {
            Error(environment.Console, e.Message, ["Run 'parallel-agents --help' or 'parallel-agents run --help' for usage."]);
            return ExitCodes.UsageOrConnection;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Error(environment.Console, "Interrupted.", []);
            return ExitCodes.Findings;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException or TimeoutException)
        {
            Error(environment.Console, $"{e.GetType().Name}: {e.Message}", ["The connection or the data broke off; run the command again, or check the service's log."]);
            return ExitCodes.UsageOrConnection;
        }
    }

    private static void Error(IAnsiConsole console, string message, IReadOnlyList<string> details)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        foreach (var line in details)
        {
            console.MarkupLine($"  {Markup.Escape(line)}");
        }
    }
}
