namespace ParallelAgents.Engine.Planning.History;

/// <summary>
/// The predicted makespan of a pool: the longest segment, or the whole work spread over what the cluster runs at once
/// when that is longer, plus the learned overhead of each instance.
/// </summary>
public static class MakespanModel
{
    /// <summary>The time the items alone need: <c>max(longest segment, total / capacity)</c>.</summary>
    public static double Work(double longestSegmentMs, double totalMs, int capacity) =>
        Math.Max(longestSegmentMs, totalMs / Math.Max(1, capacity));

    /// <summary>The predicted makespan of <paramref name="instances"/> instances.</summary>
    public static double Predict(double longestSegmentMs, double totalMs, int capacity, int instances, double overheadMsPerInstance) =>
        Work(longestSegmentMs, totalMs, capacity) + (Math.Max(0, instances) * Math.Max(0, overheadMsPerInstance));
}
