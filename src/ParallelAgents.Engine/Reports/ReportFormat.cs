namespace ParallelAgents.Engine.Reports;

/// <summary>Formats a report can be rendered in.</summary>
public enum ReportFormat
{
    Json,
    Markdown,
    Sarif,
}
