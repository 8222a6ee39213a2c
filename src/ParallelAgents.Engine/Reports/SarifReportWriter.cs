using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Reports;

/// <summary>SARIF 2.1.0 for code-scanning upload: stable rule ids, repo-relative URIs, partial fingerprints.</summary>
public static class SarifReportWriter
{
    /// <summary>GitHub keeps at most this many results per run.</summary>
    public const int MaxResults = 25_000;

    /// <summary>Key under <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "parallelAgentsFinding/v1";

    /// <summary>Renders the report.</summary>
    public static string Write(JobReport report)
    {
        var rules = report.Rules.DistinctBy(r => r.Id).ToList();
        foreach (var id in report.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))
        {
            if (rules.All(r => r.Id != id))
            {
                var severity = report.Findings.Where(f => f.RuleId == id).Max(f => f.Severity);
                rules.Add(new RuleDescriptor(id, id, $"Findings of rule {id}.", severity));
            }
        }

        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var f in report.Findings.Take(MaxResults))
        {
            var result = new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["ruleIndex"] = ruleIndex[f.RuleId],
                ["level"] = Level(f.Severity),
                ["message"] = new JsonObject { ["text"] = f.Message },
            };
            if (!string.IsNullOrEmpty(f.File))
            {
                var physical = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(f.File), ["uriBaseId"] = "%SRCROOT%" },
                };
                // A finding about a whole file points at its first line: code scanning does not show a result
                // whose location has no region (sarif-multitool's SARIF2017).
                physical["region"] = new JsonObject { ["startLine"] = f.Line is > 0 ? f.Line.Value : 1 };

                result["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical });
            }

            result["partialFingerprints"] = new JsonObject { [FingerprintKey] = f.Fingerprint };
            var properties = new JsonObject { ["severity"] = f.Severity.ToString().ToLowerInvariant() };
            foreach (var (key, value) in f.Properties ?? new Dictionary<string, string>())
            {
                properties[key] = value;
            }

            result["properties"] = properties;
            results.Add(result);
        }

        var driver = new JsonObject
        {
            ["name"] = "ParallelAgents",
            ["semanticVersion"] = Version(),
            ["informationUri"] = "https://github.com/parallel-agents/parallel-agents",
            ["rules"] = new JsonArray(rules.Select(Rule).ToArray<JsonNode?>()),
        };
        var run = new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = driver },
            ["automationDetails"] = new JsonObject { ["id"] = $"parallel-agents/{report.Command}/{report.JobId}" },
            ["originalUriBaseIds"] = new JsonObject
            {
                ["%SRCROOT%"] = new JsonObject { ["description"] = new JsonObject { ["text"] = "The root of the audited workspace." } },
            },
            ["invocations"] = new JsonArray(new JsonObject
            {
                ["executionSuccessful"] = report.Status is JobStatus.Completed or JobStatus.CompletedWithErrors,
                ["toolExecutionNotifications"] = new JsonArray(report.Errors.Select(e => (JsonNode?)new JsonObject
                {
                    ["level"] = "error",
                    ["message"] = new JsonObject { ["text"] = $"{e.ItemId}: {e.Message}" },
                }).ToArray()),
            }),
            ["results"] = results,
            ["properties"] = new JsonObject
            {
                ["jobId"] = report.JobId,
                ["command"] = report.Command,
                ["status"] = report.Status.ToString(),
                ["truncated"] = report.Findings.Count > MaxResults,
            },
        };
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return log.ToJsonString(ReportJson.Indented);
    }

    /// <summary>SARIF level for a severity.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static JsonObject Rule(RuleDescriptor rule)
    {
        var node = new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = rule.Name,
            ["shortDescription"] = new JsonObject { ["text"] = rule.Description },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.DefaultSeverity) },
            ["properties"] = new JsonObject
            {
                ["severity"] = rule.DefaultSeverity.ToString().ToLowerInvariant(),
                ["security-severity"] = SecuritySeverity(rule.DefaultSeverity),
            },
        };
        if (rule.HelpUri is not null)
        {
            node["helpUri"] = rule.HelpUri;
        }

        return node;
    }

    private static string SecuritySeverity(Severity severity) => (severity switch
    {
        Severity.Critical => 9.5,
        Severity.High => 8.0,
        Severity.Medium => 5.5,
        Severity.Low => 3.0,
        _ => 0.0,
    }).ToString("0.0", CultureInfo.InvariantCulture);

    private static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').TrimStart('/').Split('/').Select(Uri.EscapeDataString));

    private static string Version()
    {
        var version = typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
