using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Abstractions;

/// <summary>The canonical, versioned report of a finished job; Markdown and SARIF are rendered from it.</summary>
/// <param name="SchemaVersion">Version of this shape; see docs/report-schema.md.</param>
/// <param name="JobId">The job.</param>
/// <param name="Command">Command name.</param>
/// <param name="AgentRole">The command's agent role.</param>
/// <param name="Status">Terminal status.</param>
/// <param name="CreatedAt">Submission time.</param>
/// <param name="CompletedAt">Completion time.</param>
/// <param name="Summary">Counts.</param>
/// <param name="Findings">Deduplicated findings, most severe first.</param>
/// <param name="Rules">Rules the command checks.</param>
/// <param name="Segments">Per-instance record.</param>
/// <param name="Metrics">Pool metrics.</param>
/// <param name="Errors">Items that failed.</param>
/// <param name="Notes">Plain statements the reader should know (degraded mode, sources used...).</param>
/// <param name="DataJson">Command-specific data (languages table, dependency graph...), as JSON.</param>
/// <param name="Markdown">Command-specific Markdown section.</param>
/// <param name="Degraded">True when the remaining work ran sequentially after repeated dispatch failures.</param>
[GenerateSerializer, Immutable, Alias("pa.JobReport")]
public sealed record JobReport(
    string SchemaVersion,
    string JobId,
    string Command,
    string AgentRole,
    JobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    ReportSummary Summary,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RuleDescriptor> Rules,
    IReadOnlyList<SegmentReport> Segments,
    JobMetrics Metrics,
    IReadOnlyList<ItemError> Errors,
    IReadOnlyList<string> Notes,
    string? DataJson,
    string? Markdown,
    bool Degraded)
{
    /// <summary>What the job's model calls cost, for commands that call a model.</summary>
    [Id(0)]
    public ModelUsage? Usage { get; init; }

    /// <summary>The git repository and the full commit sha every segment worked on, for git workspaces.</summary>
    [Id(1)]
    public JobWorkspace? Workspace { get; init; }
}
