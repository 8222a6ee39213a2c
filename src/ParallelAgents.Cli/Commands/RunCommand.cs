using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Jobs;
using ParallelAgents.Cli.Options;
using ParallelAgents.Cli.Rendering;
using ParallelAgents.Engine.Metrics;
using ParallelAgents.Engine.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents run</c>: submits a job, draws its progress, prints the summary, writes the report, sets the exit code.</summary>
public sealed partial class RunCommand(CliEnvironment environment) : AsyncCommand<RunSettings>
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var console = environment.Console;
        var format = ReportRenderer.ParseFormat(settings.Format)!.Value;
        var failOn = settings.FailOn is null ? (Severity?)null : FailOnPolicy.ParseSeverity(settings.FailOn);
        var options = OptionArguments.Parse(settings.Options);
        if (settings.MaxInstances is { } max)
        {
            // Parsed rather than assigned so the value is the same kind of node as one read from a request body.
            options["maxInstances"] = JsonNode.Parse(max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (settings.ItemsPerInstance is { } perInstance)
        {
            options["itemsPerInstance"] = JsonNode.Parse(perInstance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var server = CommandSupport.ResolveServer(settings, environment, fallback: null);
        var localPath = settings.Path is null ? null : Path.GetFullPath(settings.Path, environment.WorkingDirectory);
        if (settings.Upload && server is null)
        {
            throw new CliException("--upload sends the directory to a service: give --server URL too (without --server the job runs in this process on the local files).");
        }

        if (settings.Upload && (localPath is null || !Directory.Exists(localPath)))
        {
            throw new CliException($"--upload needs a local directory to send; '{settings.Path ?? "(none)"}' is not one.");
        }

        if (server is null && localPath is not null && !Directory.Exists(localPath))
        {
            throw new CliException($"The workspace '{settings.Path}' is not a directory.");
        }

        JobRequest request;
        IJobBackend backend;
        if (server is null)
        {
            request = new JobRequest(settings.Command, localPath, Upload: false, options) { GitUrl = settings.Git, GitRef = settings.Ref, ChangedSince = settings.ChangedSince, Priority = settings.Priority };
            backend = await console.Status().StartAsync("Starting an in-process silo…", _ =>
                InProcessJobBackend.StartAsync(localPath ?? LocalRepository(settings.Git) ?? environment.WorkingDirectory, cancellationToken));
        }
        else
        {
            // A path that exists here is sent absolute (the service may share this file system); otherwise as given,
            // as a path on the server.
            var path = settings.Upload ? localPath : localPath is not null && Directory.Exists(localPath) ? localPath : settings.Path;
            request = new JobRequest(settings.Command, path, settings.Upload, options) { GitUrl = settings.Git, GitRef = settings.Ref, ChangedSince = settings.ChangedSince, Priority = settings.Priority };
            backend = new RemoteJobBackend(CommandSupport.Connect(settings, environment));
        }

        await using (backend)
        {
            if (settings.CommandNames.Count > 1)
            {
                var jobs = settings.CommandNames.Select(c => request with { Command = c }).ToList();
                return await RunManyAsync(backend, jobs, server, format, failOn, settings.Out, cancellationToken);
            }

            return await RunAsync(backend, request, server, format, failOn, settings.Out, cancellationToken);
        }
    }

    // A local run on a file:// repository may read that repository, wherever it is on this machine.
    private static string? LocalRepository(string? git) =>
        git is not null && Uri.TryCreate(git, UriKind.Absolute, out var uri) && uri.IsFile && Directory.Exists(uri.LocalPath) ? uri.LocalPath : null;

    private async Task<int> RunAsync(IJobBackend backend, JobRequest request, Uri? server, ReportFormat format, Severity? failOn, string? output, CancellationToken cancellationToken)
    {
        var console = environment.Console;
        var submitted = await backend.SubmitAsync(request, cancellationToken);
        var where = server is null ? "in this process" : $"on {server} (dashboard: {new Uri(server, "jobs/" + submitted.Id)})";
        console.MarkupLine($"Job [bold]{Markup.Escape(submitted.Id)}[/] ({Markup.Escape(submitted.Command)}) submitted {Markup.Escape(where)}");

        var final = await FollowAsync(backend, submitted.Id, cancellationToken);
        var m = final.Metrics;
        console.MarkupLine(
            $"Job {Markup.Escape(final.Id)} [bold]{Format.Name(final.Status)}[/]{(final.Degraded ? " (degraded)" : "")} in {Format.Duration(MetricFigures.WallMs(m))}: " +
            Markup.Escape(JobTables.MetricsLine(m)));
        foreach (var line in JobTables.UsageLines(final))
        {
            console.MarkupLine(line);
        }

        if (final.Error is { Length: > 0 } error)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        string json;
        try
        {
            json = await backend.GetReportAsync(final.Id, ReportFormat.Json, CancellationToken.None);
        }
        catch (CliException) when (final.Status is JobStatus.Failed or JobStatus.Cancelled)
        {
            console.MarkupLine("[red]The job ended without a report.[/]");
            return ExitCodes.Findings;
        }

        var text = format == ReportFormat.Json ? json : await backend.GetReportAsync(final.Id, format, CancellationToken.None);
        var markdown = format == ReportFormat.Markdown ? text : await backend.GetReportAsync(final.Id, ReportFormat.Markdown, CancellationToken.None);
        // Written past Spectre's line wrapping: a wrapped Markdown table row would no longer be one.
        await console.Profile.Out.Writer.WriteLineAsync("\n" + MarkdownSummary.Extract(markdown) + "\n");

        var file = await CommandSupport.WriteFileAsync(output ?? $"parallel-agents-report.{CommandSupport.Extension(format)}", text, environment, CancellationToken.None);
        console.MarkupLine($"Report ({CommandSupport.Extension(format)}) written to [bold]{Markup.Escape(file)}[/]");

        if (final.Status is JobStatus.Failed or JobStatus.Cancelled)
        {
            console.MarkupLine($"[red]The job {Format.Name(final.Status)}; exit code {ExitCodes.Findings}.[/]");
            return ExitCodes.Findings;
        }

        if (final.Status == JobStatus.CompletedWithErrors)
        {
            console.MarkupLine("[yellow]Some work items failed; the report lists them under Errors.[/]");
        }

        if (failOn is { } threshold)
        {
            var count = FailOnPolicy.CountAtOrAbove(json, threshold);
            if (count > 0)
            {
                console.MarkupLine($"[red]{count} finding(s) at or above {threshold.ToString().ToLowerInvariant()}[/] (--fail-on); exit code {ExitCodes.Findings}.");
                return ExitCodes.Findings;
            }

            console.MarkupLine($"[green]No finding at or above {threshold.ToString().ToLowerInvariant()}.[/]");
        }

        return ExitCodes.Ok;
    }

    private async Task<JobSnapshot> FollowAsync(IJobBackend backend, string jobId, CancellationToken cancellationToken)
    {
        var console = environment.Console;
        if (!console.Profile.Capabilities.Interactive)
        {
            return await WatchOrCancelAsync(backend, jobId, new ProgressLog(console).Update, cancellationToken);
        }

        return await ProgressView.Create(console).StartAsync(context => WatchOrCancelAsync(backend, jobId, new ProgressView(context).Update, cancellationToken));
    }

    private static async Task<JobSnapshot> WatchOrCancelAsync(IJobBackend backend, string jobId, Action<JobSnapshot> onUpdate, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.WatchAsync(jobId, onUpdate, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop the job rather than leave it running unseen, and show how it ended.
            using var grace = new CancellationTokenSource(CancelGrace);
            await backend.CancelAsync(jobId, grace.Token);
            return await backend.WatchAsync(jobId, onUpdate, grace.Token);
        }
    }
}
