using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Engine.Tests.Security;

public sealed class ReportSecretMaskerTests
{
    private static readonly string Token = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private static readonly string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu" + "Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Theory]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Sarif)]
    public void No_rendering_of_a_report_echoes_a_secret(ReportFormat format)
    {
        var (text, _) = ReportRenderer.Render(Report(), format);
        Assert.DoesNotContain(Token[4..], text);
        Assert.DoesNotContain(AccountKey[..20], text);
        Assert.DoesNotContain("hunter22", text);
        Assert.Contains("ghp_***", text);
        Assert.Contains("config/app.env", text);
    }

    [Fact]
    public void Json_report_stays_valid_json_with_its_data_masked()
    {
        var (text, _) = ReportRenderer.Render(Report(), ReportFormat.Json);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("AccountKey=***", root.GetProperty("data").GetProperty("connection").GetString());
        Assert.Equal(42, root.GetProperty("data").GetProperty("count").GetInt32());
        var finding = root.GetProperty("findings")[0];
        Assert.Equal("Remove the token ghp_*** from the file.", finding.GetProperty("message").GetString());
        Assert.Equal("password=***", finding.GetProperty("properties").GetProperty("evidence").GetString());
        Assert.Equal("SEC001", finding.GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Masks_errors_notes_segment_failures_and_markdown()
    {
        var masked = ReportSecretMasker.Mask(Report());
        Assert.Equal("Item failed reading password=***", masked.Errors[0].Message);
        Assert.Equal("Used ghp_***", masked.Notes[0]);
        Assert.Equal("Bearer *** rejected", masked.Segments[0].Failures[0]);
        Assert.Equal("See ghp_***", masked.Markdown);
    }

    [Fact]
    public void Invalid_data_json_is_masked_as_text()
    {
        Assert.Equal("{not json password=***", ReportSecretMasker.MaskJson("{not json password=hunter22"));
        Assert.Equal("{\"a\":1}", ReportSecretMasker.MaskJson("{\"a\":1}"));
    }

    private static JobReport Report() => new(
        "1.0",
        "job1",
        "agent-audit",
        "code-reviewer",
        JobStatus.CompletedWithErrors,
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch.AddMinutes(1),
        new ReportSummary(1, new Dictionary<string, int>(), new Dictionary<string, int>(), 1, 1, 0, new Dictionary<string, IReadOnlyDictionary<string, int>>()),
        [new Finding("SEC001", Severity.High, $"Remove the token {Token} from the file.", "config/app.env", 3, "fp1", new Dictionary<string, string> { ["evidence"] = "password=hunter22" })],
        [new RuleDescriptor("SEC001", "SecretInFile", "A secret is committed.", Severity.High)],
        [new SegmentReport(0, "security", SegmentStatus.Completed, 1, 1, 2, ["silo1"], 0, 10, ["Bearer abcdefghijklmnopqrstuvwxyz012345 rejected"])],
        new JobMetrics(1, 1, 1, 1, 1, 1, 1, 1),
        [new ItemError("item1", "security", "Item failed reading password=hunter22")],
        [$"Used {Token}"],
        JsonSerializer.Serialize(new { connection = $"AccountKey={AccountKey}", count = 42 }),
        $"See {Token}",
        false);
}
