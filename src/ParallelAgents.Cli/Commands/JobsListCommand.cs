using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents jobs list</c>.</summary>
public sealed class JobsListCommand(CliEnvironment environment) : AsyncCommand<JobsListSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, JobsListSettings settings, CancellationToken cancellationToken)
    {
        using var client = CommandSupport.Connect(settings, environment);
        var page = await client.ListJobsAsync(settings.Status, 0, settings.Take, cancellationToken);
        environment.Console.Write(Rendering.JobTables.List(page));
        return ExitCodes.Ok;
    }
}
