namespace ParallelAgents.Abstractions;

/// <summary>Counts at the top of a report.</summary>
/// <param name="Findings">Findings after deduplication.</param>
/// <param name="BySeverity">Findings per severity name (all five present).</param>
/// <param name="BySegment">Findings per segment key.</param>
/// <param name="ItemsTotal">Work items planned.</param>
/// <param name="ItemsFailed">Items that ended with an error.</param>
/// <param name="DuplicatesRemoved">Findings dropped as duplicates of another with the same fingerprint.</param>
/// <param name="BySegmentSeverity">Per segment key, findings per severity name.</param>
[GenerateSerializer, Immutable, Alias("pa.ReportSummary")]
public sealed record ReportSummary(
    int Findings,
    IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyDictionary<string, int> BySegment,
    int ItemsTotal,
    int ItemsFailed,
    int DuplicatesRemoved,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> BySegmentSeverity);
