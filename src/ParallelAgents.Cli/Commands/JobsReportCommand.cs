using ParallelAgents.Engine.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents jobs report &lt;id&gt;</c>: the finished job's report to the console or a file.</summary>
public sealed class JobsReportCommand(CliEnvironment environment) : AsyncCommand<JobsReportSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, JobsReportSettings settings, CancellationToken cancellationToken)
    {
        var format = ReportRenderer.ParseFormat(settings.Format)!.Value;
        using var client = CommandSupport.Connect(settings, environment);
        var text = await client.GetReportAsync(settings.Id, format, cancellationToken);
        if (settings.Out is null)
        {
            // Unwrapped, so that `jobs report ID --format json > report.json` is the report byte for byte.
            await environment.Console.Profile.Out.Writer.WriteLineAsync(text);
        }
        else
        {
            var file = await CommandSupport.WriteFileAsync(settings.Out, text, environment, cancellationToken);
            environment.Console.MarkupLine($"Report ({CommandSupport.Extension(format)}) written to [bold]{Markup.Escape(file)}[/]");
        }

        return ExitCodes.Ok;
    }
}
