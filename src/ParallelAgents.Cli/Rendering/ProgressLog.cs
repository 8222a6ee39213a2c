using ParallelAgents.Abstractions;
using Spectre.Console;

namespace ParallelAgents.Cli.Rendering;

/// <summary>
/// Progress as plain lines for consoles that cannot redraw (CI logs, redirected output): one line when an instance
/// changes state, and one when the overall bar passes a quarter.
/// </summary>
public sealed class ProgressLog(IAnsiConsole console)
{
    private readonly Dictionary<int, (SegmentStatus State, int Attempt)> _seen = [];
    private int _lastQuarter = -1;

    /// <summary>Writes what changed since the previous snapshot.</summary>
    public void Update(JobSnapshot snapshot)
    {
        var terminal = snapshot.Status.IsTerminal();
        var bottleneck = terminal ? null : snapshot.Progress.BottleneckIndex;
        foreach (var instance in snapshot.Instances)
        {
            if (_seen.TryGetValue(instance.Index, out var seen) && seen.State == instance.State && seen.Attempt == instance.Attempt)
            {
                continue;
            }

            _seen[instance.Index] = (instance.State, instance.Attempt);
            var line = ProgressView.Describe(instance, instance.Index == bottleneck);
            if (instance.Error is { Length: > 0 } error && instance.State is SegmentStatus.Failed or SegmentStatus.Retrying or SegmentStatus.Reassigned)
            {
                line += $" [red]{Markup.Escape(error)}[/]";
            }

            console.MarkupLine("  " + line);
        }

        var p = snapshot.Progress;
        var percent = snapshot.Status == JobStatus.Completed ? 100 : p.Percent;
        var quarter = (int)Math.Floor(percent / 25);
        if (quarter > _lastQuarter || (terminal && _lastQuarter < 5))
        {
            _lastQuarter = terminal ? 5 : quarter;
            var eta = terminal ? Format.Name(snapshot.Status) : $"ETA {Format.Eta(p.EtaSeconds)}";
            var usage = p.Usage is { } u ? $" · {Format.Tokens(u)}" : "";
            console.MarkupLine("[bold]overall[/] " + Markup.Escape($"{p.ItemsDone}/{p.ItemsTotal} items ({percent:0} %) · {eta}{usage}"));
        }
    }
}
