using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Engine.Reports;

/// <summary>Renders a report in a chosen format with its media type.</summary>
public static class ReportRenderer
{
    /// <summary>Parses a format name (json, markdown/md, sarif); null when unknown.</summary>
    public static ReportFormat? ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => ReportFormat.Json,
        "markdown" or "md" => ReportFormat.Markdown,
        "sarif" => ReportFormat.Sarif,
        _ => null,
    };

    /// <summary>The rendered text and its content type; secret-looking values are masked first, whatever the format.</summary>
    public static (string Text, string ContentType) Render(JobReport report, ReportFormat format)
    {
        var masked = ReportSecretMasker.Mask(report);
        return format switch
        {
            ReportFormat.Markdown => (MarkdownReportWriter.Write(masked), "text/markdown; charset=utf-8"),
            ReportFormat.Sarif => (SarifReportWriter.Write(masked), "application/sarif+json"),
            _ => (JsonReportWriter.Write(masked), "application/json"),
        };
    }
}
