using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Planning.History;

/// <summary>
/// What kind of item a work item is, for learning its duration: its partition key (category, suite, aspect...), the
/// extension of its path and its size band (powers of four of its assessed cost), so items alike share one figure.
/// </summary>
public static class ItemKind
{
    /// <summary>The kind of <paramref name="item"/>, e.g. <c>security|.cs|5</c>.</summary>
    public static string Of(WorkItem item)
    {
        var extension = item.Payload is { Length: > 0 } path && path.Length < 1024 ? Path.GetExtension(path).ToLowerInvariant() : "";
        return $"{item.Key}|{extension}|{Band(item.Cost)}";
    }

    /// <summary>0 for costs up to 1, then one band per factor of four.</summary>
    public static int Band(long cost) => cost <= 1 ? 0 : 1 + (int)(Math.Log2(cost) / 2);
}
