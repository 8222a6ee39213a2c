using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Commands.Tests.AgentAudit;

public sealed partial class AgentAuditReportTests
{
    [Fact]
    public async Task Sarif_report_validates_against_the_official_sarif_2_1_0_schema()
    {
        var report = await AuditReportFixture.BuildAsync();
        var sarif = SarifReportWriter.Write(report);

        var errors = SchemaErrors(sarif);
        Assert.True(errors.Count == 0, "SARIF schema errors:\n" + string.Join("\n", errors));

        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        var results = run["results"]!.AsArray();
        Assert.Equal(report.Findings.Count, results.Count);
        var ruleIds = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();
        Assert.Contains("CC005", ruleIds);
        Assert.All(results, r =>
        {
            Assert.Equal(r!["ruleId"]!.GetValue<string>(), ruleIds[r["ruleIndex"]!.GetValue<int>()]);
            Assert.Matches("^[0-9a-f]{32}$", r["partialFingerprints"]![SarifReportWriter.FingerprintKey]!.GetValue<string>());
            var uri = r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>();
            Assert.False(uri.StartsWith('/'), uri);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
        });
        Assert.Contains(results, r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>() == ".claude/agents/bad/odd%20name%20%231.md");
        Assert.Contains(results, r => r!["level"]!.GetValue<string>() == "error");
        Assert.Contains(results, r => r!["level"]!.GetValue<string>() == "warning");
        Assert.Contains(results, r => r!["level"]!.GetValue<string>() == "note");
    }

    [Fact]
    public void The_schema_check_rejects_invalid_sarif()
    {
        const string Broken = """{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "A", "level": "severe", "message": {"text": "m"}}]}]}""";
        Assert.NotEmpty(SchemaErrors(Broken));
        Assert.NotEmpty(SchemaErrors("""{"runs": []}"""));
    }

    [Fact]
    public async Task Sarif_report_passes_microsofts_sarif_multitool_validator()
    {
        var report = await AuditReportFixture.BuildAsync();
        var (errors, output) = MultitoolValidate(SarifReportWriter.Write(report));

        Assert.True(errors.Count == 0, "sarif-multitool reported:\n" + string.Join("\n", errors) + "\n" + output);
    }

    [Fact]
    public void Sarif_multitool_check_detects_an_invalid_log()
    {
        var (errors, _) = MultitoolValidate("""{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}""");

        Assert.Contains(errors, e => e.Contains("JSON1002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_report_carries_versioned_summary_findings_segments_and_command_data()
    {
        var report = await AuditReportFixture.BuildAsync();
        var json = JsonNode.Parse(JsonReportWriter.Write(report))!.AsObject();

        Assert.Equal("1.0", json["schemaVersion"]!.GetValue<string>());
        Assert.EndsWith("/report-1.0.json", json["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("job-agent-audit-1", json["jobId"]!.GetValue<string>());
        Assert.Equal("agent-audit", json["command"]!.GetValue<string>());
        Assert.Equal("code-reviewer", json["agentRole"]!.GetValue<string>());
        Assert.Equal("completed", json["status"]!.GetValue<string>());

        var findings = json["findings"]!.AsArray();
        var summary = json["summary"]!;
        Assert.Equal(findings.Count, summary["findings"]!.GetValue<int>());
        var bySeverity = summary["bySeverity"]!.AsObject();
        Assert.Equal(["info", "low", "medium", "high", "critical"], bySeverity.Select(p => p.Key).ToArray());
        Assert.Equal(findings.Count, bySeverity.Sum(p => p.Value!.GetValue<int>()));
        foreach (var severity in bySeverity)
        {
            Assert.Equal(findings.Count(f => f!["severity"]!.GetValue<string>() == severity.Key), severity.Value!.GetValue<int>());
        }

        var segmentKeys = json["segments"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ToArray();
        Assert.Equal(segmentKeys.Order(StringComparer.Ordinal), summary["bySegment"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(8, segmentKeys.Length);
        Assert.Contains(segmentKeys, k => k.Split('+').Contains("skills"));
        Assert.All(json["segments"]!.AsArray(), s => Assert.True(s!["busyMs"]!.GetValue<double>() >= 0));
        Assert.All(findings, f =>
        {
            Assert.Matches("^(AA|CC|CFG|SK)[0-9]{3}$", f!["ruleId"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(f["message"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(f["file"]!.GetValue<string>()));
            Assert.True(f["line"]!.GetValue<int>() >= 1);
            Assert.Matches("^[0-9a-f]{32}$", f["fingerprint"]!.GetValue<string>());
        });

        var data = json["data"]!;
        Assert.Equal(["claude-code", "claude-config"], data["rulePacks"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        Assert.Equal(8, data["byCategory"]!["quality"]!.GetValue<int>());
        Assert.NotEmpty(data["fixes"]!.AsArray());
        Assert.Null(json["dataJson"]);
        Assert.Null(json["markdown"]);
    }

    [Fact]
    public async Task Json_report_validates_against_the_documented_report_schema()
    {
        var report = await AuditReportFixture.BuildAsync();
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AgentAudit", "Schemas", "report-1.0.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

        var errors = Errors(schema, JsonReportWriter.Write(report));
        Assert.True(errors.Count == 0, "report schema errors:\n" + string.Join("\n", errors));
        Assert.NotEmpty(Errors(schema, """{"schemaVersion": "1.0"}"""));
    }

    [Fact]
    public async Task Markdown_report_has_a_summary_table_by_segment_and_findings_grouped_by_file()
    {
        var report = await AuditReportFixture.BuildAsync();
        var markdown = MarkdownReportWriter.Write(report);

        Assert.StartsWith("# agent-audit report", markdown, StringComparison.Ordinal);
        Assert.Contains("| segment | critical | high | medium | low | info | total |", markdown, StringComparison.Ordinal);
        foreach (var segment in report.Segments)
        {
            Assert.Contains($"\n| {segment.Key} | ", markdown, StringComparison.Ordinal);
        }

        Assert.Contains($"| **all** | {string.Join(" | ", new[] { "critical", "high", "medium", "low", "info" }.Select(s => report.Summary.BySeverity[s]))} | **{report.Findings.Count}** |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Agent audit", markdown, StringComparison.Ordinal);
        Assert.Contains("### Suggested fixes", markdown, StringComparison.Ordinal);
        var section = markdown[markdown.IndexOf("### `.claude/agents/bad/cc002-name-invalid.md`", StringComparison.Ordinal)..];
        Assert.Matches(@"^### `\.claude/agents/bad/cc002-name-invalid\.md`\n\n\| line \| severity \| rule \| message \|\n\|---:\|---\|---\|---\|\n\| 2 \| high \| CC002 \| ", section);
        Assert.Equal(report.Findings.Select(f => f.File).Distinct().Count(), FileHeading().Matches(markdown[markdown.IndexOf("## Findings", StringComparison.Ordinal)..]).Count);
    }

    // Built once: JsonSchema.Net registers schemas by id and refuses to register the same id twice.
    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
    {
        var schemaNode = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AgentAudit", "Schemas", "sarif-schema-2.1.0.json")))!.AsObject();

        // Draft-04 → draft-07: only the root id keyword differs for this schema (see Schemas/README.md). The id is dropped
        // rather than renamed to $id, which JsonSchema.Net 8 registers twice; every $ref in the schema is local.
        schemaNode["$schema"] = "http://json-schema.org/draft-07/schema#";
        schemaNode.Remove("id");
        return JsonSchema.FromText(schemaNode.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private static List<string> SchemaErrors(string sarif) => Errors(SarifSchema.Value, sarif);

    private static List<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = new List<string>();
        if (!result.IsValid)
        {
            foreach (var detail in (result.Details ?? []).Append(result))
            {
                foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
                {
                    errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
                }
            }

            if (errors.Count == 0)
            {
                errors.Add("invalid");
            }
        }

        return errors;
    }

    // Runs Microsoft's validator and returns its error- and warning-level results.
    private static (List<string> Problems, string Output) MultitoolValidate(string sarif)
    {
        var root = RepositoryRoot.Path;
        var tool = Path.Combine(root, ".tools", "node_modules", ".bin", "sarif-multitool");
        Assert.True(File.Exists(tool), $"sarif-multitool is not installed at {tool}: run scripts/install-sarif-multitool.sh from the repository root.");
        var dir = Path.Combine(Path.GetTempPath(), "sarif-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "report.sarif");
            var output = Path.Combine(dir, "validation.sarif");
            File.WriteAllText(input, sarif);
            var (exit, text) = ExternalTool.Run(tool, ["validate", input, "--output", output, "--log", "ForceOverwrite"], dir);
            Assert.True(exit == 0 && File.Exists(output), $"sarif-multitool failed (exit {exit}):\n{text}");
            var problems = new List<string>();
            foreach (var result in JsonNode.Parse(File.ReadAllText(output))!["runs"]![0]!["results"]?.AsArray() ?? [])
            {
                var level = result!["level"]?.GetValue<string>() ?? "warning";
                if (level is "error" or "warning")
                {
                    problems.Add($"{level} {result["ruleId"]}: {result["message"]!.ToJsonString()}");
                }
            }

            return (problems, text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex("^### `", RegexOptions.Multiline)]
    private static partial Regex FileHeading();
}
