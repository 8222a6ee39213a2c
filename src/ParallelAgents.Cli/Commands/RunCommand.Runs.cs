using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Jobs;
using ParallelAgents.Cli.Options;
using ParallelAgents.Cli.Rendering;
using ParallelAgents.Engine.Metrics;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;
using Spectre.Console;

namespace ParallelAgents.Cli.Commands;

/// <summary><c>parallel-agents run a,b,c</c>: several commands as one run, followed together, one combined report.</summary>
public sealed partial class RunCommand
{
    private async Task<int> RunManyAsync(
        IJobBackend backend, IReadOnlyList<JobRequest> jobs, Uri? server, ReportFormat format, Severity? failOn, string? output, CancellationToken cancellationToken)
    {
        var console = environment.Console;
        var run = await backend.SubmitRunAsync(jobs, cancellationToken);
        var where = server is null ? "in this process" : $"on {server}";
        console.MarkupLine($"Run [bold]{Markup.Escape(run.Id)}[/] ({Markup.Escape(string.Join(", ", run.Jobs.Select(j => j.Command)))}) submitted {Markup.Escape(where)}");

        var finals = await FollowRunAsync(backend, run, cancellationToken);
        var snapshot = RunProjection.Snapshot(run, finals);
        foreach (var (job, final) in run.Jobs.Zip(finals))
        {
            console.MarkupLine(
                $"{Markup.Escape(job.Command)} ({Markup.Escape(job.JobId)}) [bold]{Format.Name(final.Status)}[/] in {Format.Duration(MetricFigures.WallMs(final.Metrics))}: " +
                Markup.Escape(JobTables.MetricsLine(final.Metrics)) + (final.Error is { Length: > 0 } error ? $" [red]{Markup.Escape(error)}[/]" : ""));
        }

        console.MarkupLine($"Run {Markup.Escape(run.Id)} [bold]{Markup.Escape(snapshot.Status.ToString().ToLowerInvariant())}[/]");
        string json;
        try
        {
            json = await backend.GetRunReportAsync(run, ReportFormat.Json, CancellationToken.None);
        }
        catch (CliException) when (snapshot.Status is RunStatus.Failed or RunStatus.Cancelled)
        {
            console.MarkupLine("[red]The run ended without a report.[/]");
            return ExitCodes.Findings;
        }

        var text = format == ReportFormat.Json ? json : await backend.GetRunReportAsync(run, format, CancellationToken.None);
        var file = await CommandSupport.WriteFileAsync(output ?? $"parallel-agents-run-report.{CommandSupport.Extension(format)}", text, environment, CancellationToken.None);
        console.MarkupLine($"Report ({CommandSupport.Extension(format)}) written to [bold]{Markup.Escape(file)}[/]");

        if (snapshot.Status is RunStatus.Failed or RunStatus.Cancelled)
        {
            console.MarkupLine($"[red]The run {snapshot.Status.ToString().ToLowerInvariant()}; exit code {ExitCodes.Findings}.[/]");
            return ExitCodes.Findings;
        }

        if (failOn is { } threshold)
        {
            var sections = JsonNode.Parse(json)!["sections"]!.AsArray();
            var count = sections.Sum(s => FailOnPolicy.CountAtOrAbove(s!.ToJsonString(), threshold));
            if (count > 0)
            {
                console.MarkupLine($"[red]{count} finding(s) at or above {threshold.ToString().ToLowerInvariant()}[/] (--fail-on); exit code {ExitCodes.Findings}.");
                return ExitCodes.Findings;
            }

            console.MarkupLine($"[green]No finding at or above {threshold.ToString().ToLowerInvariant()}.[/]");
        }

        return ExitCodes.Ok;
    }

    // Every job followed at once; progress as one bar per command, or a line per command each quarter without redraws.
    private async Task<JobSnapshot[]> FollowRunAsync(IJobBackend backend, RunRecord run, CancellationToken cancellationToken)
    {
        var console = environment.Console;
        if (!console.Profile.Capabilities.Interactive)
        {
            var quarters = new Dictionary<string, int>(StringComparer.Ordinal);
            var gate = new Lock();
            return await WatchRunAsync(backend, run, (job, s) =>
            {
                var terminal = s.Status.IsTerminal();
                var quarter = terminal ? 5 : (int)Math.Floor(s.Progress.Percent / 25);
                lock (gate)
                {
                    if (quarters.TryGetValue(job.JobId, out var seen) && seen >= quarter)
                    {
                        return;
                    }

                    quarters[job.JobId] = quarter;
                    console.MarkupLine($"[bold]{Markup.Escape(job.Command)}[/] " + Markup.Escape($"{s.Progress.ItemsDone}/{s.Progress.ItemsTotal} items ({s.Progress.Percent:0} %) · {(terminal ? Format.Name(s.Status) : $"ETA {Format.Eta(s.Progress.EtaSeconds)}")}"));
                }
            }, cancellationToken);
        }

        return await ProgressView.Create(console).StartAsync(async context =>
        {
            var bars = run.Jobs.ToDictionary(j => j.JobId, j => context.AddTask($"[bold]{Markup.Escape(j.Command)}[/] planning", maxValue: 1), StringComparer.Ordinal);
            return await WatchRunAsync(backend, run, (job, s) =>
            {
                var bar = bars[job.JobId];
                bar.MaxValue = Math.Max(1, s.Progress.ItemsTotal);
                bar.Value = s.Status == JobStatus.Completed ? bar.MaxValue : Math.Min(s.Progress.ItemsDone, bar.MaxValue);
                var state = s.Status.IsTerminal() ? Format.Name(s.Status) : $"ETA {Format.Eta(s.Progress.EtaSeconds)}";
                bar.Description = $"[bold]{Markup.Escape(job.Command)}[/] " + Markup.Escape($"{s.Progress.ItemsDone}/{s.Progress.ItemsTotal} items · {state}");
            }, cancellationToken);
        });
    }

    private static async Task<JobSnapshot[]> WatchRunAsync(IJobBackend backend, RunRecord run, Action<RunJob, JobSnapshot> onUpdate, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.WhenAll(run.Jobs.Select(j => backend.WatchAsync(j.JobId, s => onUpdate(j, s), cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop every job of the run rather than leave them running unseen, and show how they ended.
            using var grace = new CancellationTokenSource(CancelGrace);
            await Task.WhenAll(run.Jobs.Select(j => backend.CancelAsync(j.JobId, grace.Token)));
            return await Task.WhenAll(run.Jobs.Select(j => backend.WatchAsync(j.JobId, s => onUpdate(j, s), grace.Token)));
        }
    }
}
