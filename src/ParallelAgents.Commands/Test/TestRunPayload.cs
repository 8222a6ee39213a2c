namespace ParallelAgents.Commands.Test;

/// <summary>A work item's payload: one suite's tests of one type (or one shard of them) and how to run them.</summary>
/// <param name="Ecosystem">Ecosystem.</param>
/// <param name="Runner">Runner name.</param>
/// <param name="Root">Suite directory, workspace-relative.</param>
/// <param name="Project">Project file (.NET), workspace-relative.</param>
/// <param name="Type">Suite type.</param>
/// <param name="Shard">0-based shard index.</param>
/// <param name="Shards">Shards of this suite and type.</param>
/// <param name="Selectors">Tests to run, in the runner's terms.</param>
/// <param name="Tags">Build tags (Go).</param>
/// <param name="WholeSuite">Every test of the suite is in this item, so no filter is needed.</param>
/// <param name="TimeoutSeconds">Suite timeout.</param>
/// <param name="DeadlineUnixMs">Job deadline; the suite gets no more than the time left.</param>
/// <param name="RerunFailed">Run failures once more and mark those that pass as flaky.</param>
public sealed record TestRunPayload(
    Ecosystem Ecosystem,
    string Runner,
    string Root,
    string? Project,
    string Type,
    int Shard,
    int Shards,
    IReadOnlyList<string> Selectors,
    IReadOnlyList<string> Tags,
    bool WholeSuite,
    int TimeoutSeconds,
    long DeadlineUnixMs,
    bool RerunFailed)
{
    /// <summary>Display name of the suite.</summary>
    public string SuiteName => Project is null ? $"{Runner}:{Root}" : $"{Runner}:{Project}";
}
