using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Commands;

/// <summary>A command's contribution to the report, produced by its aggregation step.</summary>
/// <param name="Findings">Findings, before the engine's deduplication by fingerprint.</param>
/// <param name="Rules">Rules the command checks (for SARIF and the rule table).</param>
/// <param name="DataJson">Command-specific data as JSON.</param>
/// <param name="Markdown">Command-specific Markdown, placed after the summary.</param>
/// <param name="Notes">Plain statements for the reader.</param>
public sealed record ReportSection(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RuleDescriptor> Rules,
    string? DataJson = null,
    string? Markdown = null,
    IReadOnlyList<string>? Notes = null);
