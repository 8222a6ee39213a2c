using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Jobs;

/// <summary>A job's results as read from its ledgers.</summary>
/// <param name="Results">One result per finished item, with the key of its segment.</param>
/// <param name="CountsBySegment">Results per segment index.</param>
/// <param name="Problems">Ledgers that could not be read, and why.</param>
public sealed record JobResults(
    IReadOnlyList<(string SegmentKey, ItemResult Result)> Results,
    IReadOnlyDictionary<int, int> CountsBySegment,
    IReadOnlyList<string> Problems);
