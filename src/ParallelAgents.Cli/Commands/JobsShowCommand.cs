using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents jobs show &lt;id&gt;</c>.</summary>
public sealed class JobsShowCommand(CliEnvironment environment) : AsyncCommand<JobIdSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = CommandSupport.Connect(settings, environment);
        var job = await client.GetJobAsync(settings.Id, cancellationToken);
        foreach (var part in Rendering.JobTables.Show(job))
        {
            environment.Console.Write(part);
        }

        return ExitCodes.Ok;
    }
}
