using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Metrics;
using Spectre.Console;

namespace ParallelAgents.Cli.Rendering;

/// <summary>Tables for <c>jobs list</c> and <c>jobs show</c>.</summary>
public static class JobTables
{
    /// <summary>One row per job.</summary>
    public static Table List(JobPage page)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("id").AddColumn("command").AddColumn("status").AddColumn("created")
            .AddColumn(new TableColumn("duration").RightAligned())
            .AddColumn(new TableColumn("instances").RightAligned())
            .AddColumn(new TableColumn("speedup").RightAligned());
        foreach (var job in page.Items)
        {
            var duration = job.CompletedAt is { } done ? Format.Duration((done - job.CreatedAt).TotalMilliseconds) : "running";
            table.AddRow(
                Markup.Escape(job.Id),
                Markup.Escape(job.Command),
                Format.Name(job.Status),
                job.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                duration,
                job.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Speedup(MetricFigures.Speedup(job.Instances, job.Speedup)));
        }

        table.Caption($"{page.Items.Count} of {page.Total} job(s)");
        return table;
    }

    /// <summary>The job's instances with a text bar each, then its metrics.</summary>
    public static IEnumerable<Spectre.Console.Rendering.IRenderable> Show(JobSnapshot job)
    {
        var p = job.Progress;
        yield return new Markup(
            $"[bold]{Markup.Escape(job.Command)}[/] job [bold]{Markup.Escape(job.Id)}[/] · {Format.Name(job.Status)}{(job.Degraded ? " (degraded)" : "")} · " +
            Markup.Escape($"{p.ItemsDone}/{p.ItemsTotal} items ({p.Percent:0} %) · ETA {(job.Status.IsTerminal() ? "done" : Format.Eta(p.EtaSeconds))}") + "\n");
        if (job.Error is { Length: > 0 } error)
        {
            yield return new Markup($"[red]error:[/] {Markup.Escape(error)}\n");
        }

        var bottleneck = job.Status.IsTerminal() ? null : p.BottleneckIndex;
        var instances = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("key").AddColumn("progress")
            .AddColumn(new TableColumn("items").RightAligned()).AddColumn("state")
            .AddColumn(new TableColumn("attempt").RightAligned()).AddColumn("silo");
        foreach (var i in job.Instances)
        {
            var ratio = i.ItemsTotal > 0 ? (double)i.ItemsDone / i.ItemsTotal : i.State == SegmentStatus.Completed ? 1 : 0;
            var filled = (int)Math.Round(ratio * 20);
            var bar = new string('█', filled) + new string('░', 20 - filled);
            instances.AddRow(
                i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(i.Key) + (i.Index == bottleneck ? " [black on yellow]bottleneck[/]" : ""),
                bar,
                $"{i.ItemsDone}/{i.ItemsTotal}",
                Format.Name(i.State),
                i.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(Format.Silo(i.Silo)));
        }

        yield return instances;
        yield return Metrics(job.Metrics);
        foreach (var line in UsageLines(job))
        {
            yield return new Markup("\n" + line);
        }
    }

    /// <summary>The pool metrics as a two-column grid.</summary>
    public static Grid Metrics(JobMetrics m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("speedup", Format.Speedup(MetricFigures.Speedup(m)));
        grid.AddRow("distribution efficiency", Format.Percent(MetricFigures.DistributionEfficiency(m)));
        grid.AddRow("utilization", Format.Percent(MetricFigures.Utilization(m)));
        grid.AddRow("spawn time", Format.Duration(MetricFigures.SpawnMs(m)));
        grid.AddRow("aggregation overhead", Format.Duration(MetricFigures.AggregationMs(m)));
        grid.AddRow("wall time", Format.Duration(MetricFigures.WallMs(m)));
        grid.AddRow("instances", m.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return grid;
    }

    /// <summary>What a model-backed job's calls cost, and its budget stop, as markup lines; none for other jobs.</summary>
    public static IEnumerable<string> UsageLines(JobSnapshot job)
    {
        if (job.Usage is { } usage)
        {
            yield return "[bold]model usage[/] " + Markup.Escape(Format.Usage(usage));
        }

        if (job.BudgetStop is { Length: > 0 } stop)
        {
            yield return "[yellow]budget reached:[/] " + Markup.Escape(stop);
        }
    }

    /// <summary>The one-line pool summary printed when a run ends; "–" for each figure that does not apply.</summary>
    public static string MetricsLine(JobMetrics m) =>
        $"{m.Instances} instance(s), speedup {Format.Speedup(MetricFigures.Speedup(m))}, utilization {Format.Percent(MetricFigures.Utilization(m))}, " +
        $"efficiency {Format.Percent(MetricFigures.DistributionEfficiency(m))}, spawn {Format.Duration(MetricFigures.SpawnMs(m))}, aggregation {Format.Duration(MetricFigures.AggregationMs(m))}";
}
