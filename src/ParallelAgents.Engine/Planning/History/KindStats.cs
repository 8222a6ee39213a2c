namespace ParallelAgents.Engine.Planning.History;

/// <summary>What was observed of one item kind: an exponentially weighted mean duration and the mean assessed cost.</summary>
[GenerateSerializer, Alias("pa.KindStats")]
public sealed class KindStats
{
    /// <summary>Weighted mean duration of one item, in milliseconds.</summary>
    [Id(0)] public double MeanMs { get; set; }

    /// <summary>Weighted mean of the items' assessed costs.</summary>
    [Id(1)] public double MeanCost { get; set; }

    /// <summary>Items observed.</summary>
    [Id(2)] public long Count { get; set; }

    /// <summary>The history's run number when the kind was last observed; the least recent kind is dropped first.</summary>
    [Id(3)] public long LastRun { get; set; }
}
