namespace ParallelAgents.Commands.Test;

/// <summary>One item's result data, carried in <c>ItemResult.DataJson</c> and merged by aggregation.</summary>
public sealed record TestItemData
{
    public required string Suite { get; init; }
    public required string Ecosystem { get; init; }
    public required string Runner { get; init; }
    public required string Type { get; init; }
    public int Shard { get; init; }
    public int Shards { get; init; } = 1;
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Skipped { get; init; }
    public int Errored { get; init; }
    public int Flaky { get; init; }
    public int Total => Passed + Failed + Skipped + Errored;
    public bool TimedOut { get; init; }
    public int? ExitCode { get; init; }
    public string? Problem { get; init; }

    /// <summary>Wall time of the runner's first run (process start to exit).</summary>
    public double RunMs { get; init; }

    /// <summary>Sum of the durations the runner measured per test.</summary>
    public double TestsMs { get; init; }

    /// <summary>Time to make the private copy of the workspace.</summary>
    public double CopyMs { get; init; }

    /// <summary>Bytes copied.</summary>
    public long CopyBytes { get; init; }

    /// <summary>Wall time of the rerun of failures, when one ran.</summary>
    public double RerunMs { get; init; }

    /// <summary>The last part of the runner's output, kept when something went wrong.</summary>
    public string? OutputTail { get; init; }
}
