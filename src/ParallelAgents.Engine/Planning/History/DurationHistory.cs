namespace ParallelAgents.Engine.Planning.History;

/// <summary>
/// A command's learned durations: a weighted mean per item kind (bounded: the least recently seen kinds go first) and
/// the overhead each instance adds to a run beyond its items, learned from the gap between predicted and measured makespans.
/// </summary>
[GenerateSerializer, Alias("pa.DurationHistory")]
public sealed class DurationHistory
{
    /// <summary>Most kinds kept.</summary>
    public const int MaxKinds = 512;

    /// <summary>Weight of a new observation in the means.</summary>
    public const double Alpha = 0.3;

    /// <summary>What was observed per kind.</summary>
    [Id(0)] public Dictionary<string, KindStats> Kinds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Weighted mean of the time each instance adds to a run beyond its items (dispatch, activation, checkpoints, contention).</summary>
    [Id(1)] public double OverheadMsPerInstance { get; set; }

    /// <summary>Runs observed.</summary>
    [Id(2)] public long Runs { get; set; }

    /// <summary>Runs that taught the overhead (runs with instances and a measured makespan).</summary>
    [Id(3)] public long OverheadRuns { get; set; }

    /// <summary>Learns from a finished run.</summary>
    public void Record(RunObservation run)
    {
        Runs++;
        foreach (var group in run.Items.Where(i => i.DurationMs >= 0).GroupBy(i => i.Kind, StringComparer.Ordinal))
        {
            var ms = group.Average(i => i.DurationMs);
            var cost = group.Average(i => (double)Math.Max(1, i.Cost));
            if (Kinds.TryGetValue(group.Key, out var stats))
            {
                stats.MeanMs += Alpha * (ms - stats.MeanMs);
                stats.MeanCost += Alpha * (cost - stats.MeanCost);
            }
            else
            {
                stats = new KindStats { MeanMs = ms, MeanCost = cost };
                Kinds[group.Key] = stats;
            }

            stats.Count += group.Count();
            stats.LastRun = Runs;
        }

        if (run.Instances > 0 && run.MakespanMs > 0)
        {
            var explained = MakespanModel.Work(run.LongestSegmentMs, run.TotalMs, run.Capacity);
            var overhead = Math.Max(0, run.MakespanMs - explained) / run.Instances;
            OverheadMsPerInstance = OverheadRuns == 0 ? overhead : OverheadMsPerInstance + (Alpha * (overhead - OverheadMsPerInstance));
            OverheadRuns++;
        }

        foreach (var stale in Kinds.OrderBy(k => k.Value.LastRun).ThenBy(k => k.Key, StringComparer.Ordinal).Take(Math.Max(0, Kinds.Count - MaxKinds)).Select(k => k.Key).ToList())
        {
            Kinds.Remove(stale);
        }
    }
}
