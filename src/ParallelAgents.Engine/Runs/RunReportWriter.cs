using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Engine.Runs;

/// <summary>
/// One report for a cross-command run, built from its jobs' reports with the per-job writers: JSON and Markdown hold
/// a section per command, SARIF is one log with one run per command.
/// </summary>
public static class RunReportWriter
{
    /// <summary>Version of the combined JSON report's shape.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>The rendered report and its content type; each job's report is masked by the per-job renderer.</summary>
    /// <param name="run">The run, for its status and jobs.</param>
    /// <param name="reports">The jobs' reports in the run's order.</param>
    /// <param name="format">JSON, Markdown or SARIF.</param>
    public static (string Text, string ContentType) Render(RunSnapshot run, IReadOnlyList<JobReport> reports, ReportFormat format)
    {
        var rendered = reports.Select(r => ReportRenderer.Render(r, format)).ToList();
        return format switch
        {
            ReportFormat.Markdown => (Markdown(run, rendered.Select(r => r.Text).ToList()), "text/markdown; charset=utf-8"),
            ReportFormat.Sarif => (Sarif(rendered.Select(r => r.Text)), "application/sarif+json"),
            _ => (Json(run, rendered.Select(r => r.Text)), "application/json"),
        };
    }

    private static string Json(RunSnapshot run, IEnumerable<string> sections)
    {
        var node = new JsonObject
        {
            ["$schema"] = "https://parallel-agents.dev/schemas/run-report-" + SchemaVersion + ".json",
            ["schemaVersion"] = SchemaVersion,
            ["runId"] = run.Id,
            ["status"] = JsonNamingPolicy.CamelCase.ConvertName(run.Status.ToString()),
            ["submittedAt"] = run.SubmittedAt,
            ["completedAt"] = run.CompletedAt,
            ["jobs"] = JsonSerializer.SerializeToNode(run.Jobs, ReportJson.Compact),
            ["sections"] = new JsonArray(sections.Select(s => JsonNode.Parse(s)).ToArray()),
        };
        return node.ToJsonString(ReportJson.Indented);
    }

    private static string Markdown(RunSnapshot run, IReadOnlyList<string> sections)
    {
        var md = new StringBuilder();
        md.AppendLine("# Run report");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run `{run.Id}` · status **{run.Status}** · {run.Jobs.Count} command(s)");
        md.AppendLine();
        md.AppendLine("| command | job | status |");
        md.AppendLine("|---|---|---|");
        foreach (var job in run.Jobs)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {job.Command} | `{job.JobId}` | {job.Status} |");
        }

        foreach (var section in sections)
        {
            md.AppendLine();
            md.Append(Demote(section));
        }

        return md.ToString();
    }

    // Each job's report starts at "#": one level down, so the run's title stays the only top heading. Lines inside
    // fenced code blocks are left as they are.
    internal static string Demote(string markdown)
    {
        var md = new StringBuilder();
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            md.Append(!fenced && line.StartsWith('#') ? "#" + line : line).Append('\n');
        }

        return md.ToString(0, md.Length - 1);
    }

    private static string Sarif(IEnumerable<string> logs)
    {
        var runs = new JsonArray();
        foreach (var log in logs)
        {
            foreach (var run in JsonNode.Parse(log)!["runs"]!.AsArray().ToList())
            {
                runs.Add(run!.DeepClone());
            }
        }

        var combined = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = runs,
        };
        return combined.ToJsonString(ReportJson.Indented);
    }
}
