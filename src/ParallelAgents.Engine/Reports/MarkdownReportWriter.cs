using System.Globalization;
using System.Text;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Metrics;

namespace ParallelAgents.Engine.Reports;

/// <summary>The report for people and PR comments: summary tables, instances, then findings grouped by file.</summary>
public static class MarkdownReportWriter
{
    private static readonly Severity[] SeveritiesDescending = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    /// <summary>Renders the report.</summary>
    public static string Write(JobReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {report.Command} report");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Job `{report.JobId}` · agent role **{report.AgentRole}** · status **{report.Status}** · {report.Summary.Findings} finding(s) · {report.Summary.ItemsTotal} work item(s)");
        md.AppendLine();
        // The engine, the assessment and the aggregation may each state the same fact; the reader needs it once.
        foreach (var note in report.Notes.Distinct(StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"> {Escape(note)}");
            md.AppendLine();
        }

        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| segment | " + string.Join(" | ", SeveritiesDescending.Select(Name)) + " | total |");
        md.AppendLine("|---|" + string.Concat(SeveritiesDescending.Select(_ => "---:|")) + "---:|");
        foreach (var segment in report.Segments.DistinctBy(s => s.Key))
        {
            var counts = report.Summary.BySegmentSeverity.GetValueOrDefault(segment.Key);
            md.Append(CultureInfo.InvariantCulture, $"| {Escape(segment.Key)} | ");
            md.Append(string.Join(" | ", SeveritiesDescending.Select(s => counts?.GetValueOrDefault(Name(s)) ?? 0)));
            md.AppendLine(CultureInfo.InvariantCulture, $" | {report.Summary.BySegment.GetValueOrDefault(segment.Key)} |");
        }

        md.Append("| **all** | ");
        md.Append(string.Join(" | ", SeveritiesDescending.Select(s => report.Summary.BySeverity.GetValueOrDefault(Name(s)))));
        md.AppendLine(CultureInfo.InvariantCulture, $" | **{report.Summary.Findings}** |");
        md.AppendLine();

        var m = report.Metrics;
        md.AppendLine("## Instances");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{m.Instances} instance(s) · wall {Seconds(MetricFigures.WallMs(m))} · busy {Seconds(MetricFigures.BusyMs(m))} · speedup **{Figure(MetricFigures.Speedup(m), "0.##", "×")}** · utilization {Ratio(MetricFigures.Utilization(m))} · distribution efficiency {Ratio(MetricFigures.DistributionEfficiency(m))} · spawn {Figure(MetricFigures.SpawnMs(m), "0.#", " ms")} · aggregation {Figure(MetricFigures.AggregationMs(m), "0.#", " ms")}");
        md.AppendLine();
        md.AppendLine("| # | key | status | items | errors | attempts | silos | busy (s) |");
        md.AppendLine("|---:|---|---|---:|---:|---:|---|---:|");
        foreach (var s in report.Segments)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Index} | {Escape(s.Key)} | {s.Status} | {s.Items} | {s.ItemErrors} | {s.Attempts} | {Escape(string.Join(", ", s.Silos))} | {s.BusyMs / 1000:0.###} |");
        }

        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(report.Markdown))
        {
            md.AppendLine(report.Markdown.TrimEnd());
            md.AppendLine();
        }

        md.AppendLine("## Findings");
        md.AppendLine();
        if (report.Findings.Count == 0)
        {
            md.AppendLine("No findings.");
            md.AppendLine();
        }

        foreach (var group in report.Findings.GroupBy(f => f.File ?? "(workspace)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### `{group.Key}`");
            md.AppendLine();
            md.AppendLine("| line | severity | rule | message |");
            md.AppendLine("|---:|---|---|---|");
            foreach (var f in group.OrderBy(f => f.Line ?? 0).ThenByDescending(f => f.Severity))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Line?.ToString(CultureInfo.InvariantCulture) ?? ""} | {Name(f.Severity)} | {Escape(f.RuleId)} | {Escape(f.Message)} |");
            }

            md.AppendLine();
        }

        if (report.Errors.Count > 0)
        {
            md.AppendLine("## Errors");
            md.AppendLine();
            foreach (var e in report.Errors)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{Escape(e.ItemId)}` ({Escape(e.SegmentKey)}): {Escape(e.Message)}");
            }

            md.AppendLine();
        }

        var failures = report.Segments.Where(s => s.Failures.Count > 0).ToArray();
        if (failures.Length > 0)
        {
            md.AppendLine("## Retries and reassignments");
            md.AppendLine();
            foreach (var s in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- instance {s.Index} ({Escape(s.Key)}): {s.Attempts} attempt(s), {s.Reassignments} reassignment(s); {Escape(string.Join("; ", s.Failures))}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private const string NotApplicable = "–";

    private static string Seconds(double? ms) => ms is { } v ? (v / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " s" : NotApplicable;

    private static string Ratio(double? ratio) => ratio is { } v ? v.ToString("P0", CultureInfo.InvariantCulture) : NotApplicable;

    private static string Figure(double? value, string format, string unit) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : NotApplicable;

    private static string Name(Severity s) => s.ToString().ToLowerInvariant();

    /// <summary>Escapes text for a Markdown table cell or line.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);
}
