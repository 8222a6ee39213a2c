using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents jobs cancel &lt;id&gt;</c>.</summary>
public sealed class JobsCancelCommand(CliEnvironment environment) : AsyncCommand<JobIdSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = CommandSupport.Connect(settings, environment);
        var job = await client.CancelAsync(settings.Id, cancellationToken);
        environment.Console.MarkupLine($"Job [bold]{Markup.Escape(job.Id)}[/] is {Rendering.Format.Name(job.Status)}.");
        return ExitCodes.Ok;
    }
}
