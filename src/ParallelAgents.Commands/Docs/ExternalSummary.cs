namespace ParallelAgents.Commands.Docs;

/// <summary>What the external link check did.</summary>
/// <param name="Checked">Distinct URLs checked.</param>
/// <param name="Failed">Distinct URLs that failed.</param>
/// <param name="BrokenOccurrences">Links (occurrences) reported.</param>
public sealed record ExternalSummary(int Checked, int Failed, int BrokenOccurrences);
