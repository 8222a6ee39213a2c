namespace ParallelAgents.Abstractions;

/// <summary>
/// The base of a diff-aware run (<c>changedSince</c>): the job's items are restricted to the files changed between
/// this commit and the workspace's commit (renames followed, deletions ignored).
/// </summary>
/// <param name="Ref">The ref or sha the request named, e.g. <c>origin/main</c>.</param>
[GenerateSerializer, Immutable, Alias("pa.ChangeBase")]
public sealed record ChangeBase(string Ref)
{
    /// <summary>The full sha the ref named when the job's coordinator resolved it; null until then.</summary>
    [Id(0)]
    public string? Commit { get; init; }

    /// <summary>How many files changed between the base and the workspace's commit (deletions not counted); null until the coordinator compared them.</summary>
    [Id(1)]
    public int? Files { get; init; }
}
