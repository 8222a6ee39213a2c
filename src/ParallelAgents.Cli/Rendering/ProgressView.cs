using ParallelAgents.Abstractions;
using Spectre.Console;

namespace ParallelAgents.Cli.Rendering;

/// <summary>Draws a job as Spectre.Console progress bars: the overall bar first, then one bar per instance.</summary>
public sealed class ProgressView
{
    private readonly ProgressContext _context;
    private readonly ProgressTask _overall;
    private readonly Dictionary<int, ProgressTask> _instances = [];

    /// <summary>Adds the overall bar to <paramref name="context"/>.</summary>
    public ProgressView(ProgressContext context)
    {
        _context = context;
        _overall = context.AddTask("[bold]overall[/] planning", maxValue: 1);
    }

    /// <summary>Starts a progress display suited to the console.</summary>
    public static Progress Create(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .AutoRefresh(true)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn());

    /// <summary>Moves the bars to the snapshot.</summary>
    public void Update(JobSnapshot snapshot)
    {
        var terminal = snapshot.Status.IsTerminal();
        var progress = snapshot.Progress;
        _overall.MaxValue = Math.Max(1, progress.ItemsTotal);
        _overall.Value = snapshot.Status == JobStatus.Completed ? _overall.MaxValue : Math.Min(progress.ItemsDone, _overall.MaxValue);
        var eta = terminal ? Format.Name(snapshot.Status) : $"ETA {Format.Eta(progress.EtaSeconds)}";
        var usage = progress.Usage is { } u ? $" · {Format.Tokens(u)}" : "";
        _overall.Description = "[bold]overall[/] " + Markup.Escape($"{progress.ItemsDone}/{progress.ItemsTotal} items · {eta}{usage}");

        var bottleneck = terminal ? null : progress.BottleneckIndex;
        foreach (var instance in snapshot.Instances)
        {
            if (!_instances.TryGetValue(instance.Index, out var task))
            {
                task = _context.AddTask(Describe(instance, instance.Index == bottleneck), maxValue: Math.Max(1, instance.ItemsTotal));
                _instances[instance.Index] = task;
            }

            task.MaxValue = Math.Max(1, instance.ItemsTotal);
            task.Value = instance.State == SegmentStatus.Completed ? task.MaxValue : Math.Min(instance.ItemsDone, task.MaxValue);
            task.Description = Describe(instance, instance.Index == bottleneck);
        }

        if (terminal)
        {
            _overall.StopTask();
            foreach (var task in _instances.Values)
            {
                task.StopTask();
            }
        }
    }

    /// <summary>"#2 key  5/8 running a1 silo", with the bottleneck marked.</summary>
    public static string Describe(InstanceSnapshot instance, bool bottleneck)
    {
        var key = instance.Key.Length > 28 ? instance.Key[..27] + "…" : instance.Key;
        var state = Format.Name(instance.State);
        var color = instance.State switch
        {
            SegmentStatus.Completed => "green",
            SegmentStatus.Failed => "red",
            SegmentStatus.Retrying or SegmentStatus.Reassigned => "yellow",
            SegmentStatus.Cancelled => "grey",
            _ => "blue",
        };
        var text = $"#{instance.Index} {Markup.Escape(key)} {instance.ItemsDone}/{instance.ItemsTotal} [{color}]{state}[/] attempt {instance.Attempt}";
        if (instance.Silo is { Length: > 0 } silo)
        {
            text += $" [grey]{Markup.Escape(Format.Silo(silo))}[/]";
        }

        if (instance.Usage is { } usage)
        {
            text += $" [grey]{Markup.Escape(Format.Tokens(usage))}[/]";
        }

        return bottleneck ? text + " [black on yellow]bottleneck[/]" : text;
    }
}
