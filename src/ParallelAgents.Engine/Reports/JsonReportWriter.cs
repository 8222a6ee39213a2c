using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Reports;

/// <summary>The canonical JSON report (schema in docs/report-schema.md); command data is embedded as JSON, not as a string.</summary>
public static class JsonReportWriter
{
    /// <summary>Renders the report.</summary>
    public static string Write(JobReport report)
    {
        var node = JsonSerializer.SerializeToNode(report, ReportJson.Compact)!.AsObject();
        node.Remove("dataJson");
        node.Remove("markdown");
        if (report.DataJson is { } data)
        {
            node["data"] = JsonNode.Parse(data);
        }

        node["$schema"] = "https://parallel-agents.dev/schemas/report-" + report.SchemaVersion + ".json";
        return node.ToJsonString(ReportJson.Indented);
    }
}
