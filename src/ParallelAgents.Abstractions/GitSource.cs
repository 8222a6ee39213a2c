namespace ParallelAgents.Abstractions;

/// <summary>A git repository as a job's workspace: where it is, which ref, and how much of it to fetch.</summary>
/// <param name="Url">An <c>https://</c> or <c>http://</c> URL (or <c>file://</c> where the service allows it), without credentials.</param>
/// <param name="Ref">A branch, tag, full ref (<c>refs/pull/7/head</c>) or full commit sha; null for the remote's HEAD.</param>
[GenerateSerializer, Immutable, Alias("pa.GitSource")]
public sealed record GitSource(string Url, string? Ref)
{
    /// <summary>Commits of history to fetch, counting the job's commit (1 = only the commit itself).</summary>
    [Id(0)]
    public int Depth { get; init; } = 1;

    /// <summary>Workspace-relative paths (folders end with '/') to check out; empty for the whole tree.</summary>
    [Id(1)]
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>
    /// The full commit sha the ref named when the job's coordinator resolved it; every segment, on every silo, works
    /// on exactly this commit. Null until the coordinator has resolved it.
    /// </summary>
    [Id(2)]
    public string? Commit { get; init; }
}
