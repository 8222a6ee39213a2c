using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ParallelAgents.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class WorkspacesApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Upload_a_zip_run_agent_audit_and_fetch_a_valid_sarif_report()
    {
        var zip = Zip(new Dictionary<string, string>
        {
            [".claude/agents/security/bad-agent.md"] = "---\nname: Bad_Agent\ndescription: audits things\ntools: Bash, Write\npermissionMode: bypassPermissions\ncategory: security\ncolor: blue\n---\n\nDo things.\n",
            [".claude/agents/quality/reviewer.md"] = "---\nname: reviewer\ndescription: Expert reviewer. Use PROACTIVELY for reviews.\n---\n\nReview code.\n",
            ["README.md"] = "# not an agent\n",
        });
        var uploaded = await UploadAsync(zip, "application/zip");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workspaceId").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(zip, "application/zip")).StatusCode);

        var body = JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { workspaceId = id } });
        var submitted = await _client.PostAsync("/api/jobs", JobsApiTests.Json(body));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await Sse.ReadAllAsync(_client, $"/api/jobs/{job}/events", TimeSpan.FromSeconds(60));

        var sarifText = await _client.GetStringAsync($"/api/jobs/{job}/report?format=sarif");
        var errors = SarifErrors(sarifText);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var sarif = JsonNode.Parse(sarifText)!;
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        Assert.NotEmpty(results);
        var uris = results.Select(r => r!["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.GetValue<string>()).OfType<string>().ToArray();
        Assert.Contains(".claude/agents/security/bad-agent.md", uris);
        Assert.All(uris, u => Assert.False(Path.IsPathRooted(u)));
    }

    [Fact]
    public async Task A_zip_slip_archive_is_rejected_with_400()
    {
        var response = await UploadAsync(Zip(new Dictionary<string, string> { ["../../evil.txt"] = "x" }), "application/zip");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "outside the workspace");
        response = await UploadAsync(Zip(new Dictionary<string, string> { ["/etc/evil.txt"] = "x" }), "application/zip");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "outside the workspace");
    }

    [Fact]
    public async Task A_tar_gz_with_a_link_pointing_out_is_rejected_with_400()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "docs/passwd") { LinkName = "../../../etc/passwd" });
        }

        await AssertProblemAsync(await UploadAsync(buffer.ToArray(), "application/gzip"), HttpStatusCode.BadRequest, "points outside");
    }

    [Fact]
    public async Task Not_an_archive_or_empty_is_400()
    {
        await AssertProblemAsync(await UploadAsync(Encoding.UTF8.GetBytes("hello"), "application/octet-stream"), HttpStatusCode.BadRequest, "neither");
        await AssertProblemAsync(await UploadAsync([], "application/octet-stream"), HttpStatusCode.BadRequest, "empty");
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return _client.PostAsync("/api/workspaces", content);
    }

    internal static byte[] Zip(IDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, text, StringComparison.Ordinal);
    }

    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")))!.AsObject();

        // The official schema is draft-04; read as draft-07 without its root id (all its $refs are local).
        node.Remove("id");
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private static List<string> SarifErrors(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var result = SarifSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}

public sealed class UploadLimitTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    public UploadLimitTests() => _factory.Settings["Workspaces:MaxArchiveBytes"] = "2048";

    [Fact]
    public async Task An_archive_over_the_size_limit_gets_413()
    {
        var big = WorkspacesApiTests.Zip(new Dictionary<string, string> { ["a.txt"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8192)) });
        var content = new ByteArrayContent(big);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var response = await _factory.CreateClient().PostAsync("/api/workspaces", content);
        await WorkspacesApiTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Workspaces:MaxArchiveBytes");
    }

    public void Dispose() => _factory.Dispose();
}
