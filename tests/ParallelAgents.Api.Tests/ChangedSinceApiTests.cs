using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Api.Tests;

/// <summary><c>changedSince</c> the service refuses at submission: each a 400 naming the field.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChangedSinceApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("main..feature", "not a valid git ref")]
    [InlineData("--output=/tmp/x", "not a valid git ref")]
    [InlineData("HEAD~1", "not a valid git ref")]
    [InlineData("", "1 to 256 characters")]
    public async Task A_base_that_is_not_a_ref_name_is_a_400_naming_changedSince(string reference, string reason)
    {
        var body = JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { git = new { url = "https://github.com/owner/repo.git" } }, changedSince = reference });
        await GitRefusalsApiTests.AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "changedSince", reason);
    }

    [Fact]
    public async Task A_base_that_is_not_a_string_is_a_400_naming_changedSince()
    {
        var body = """{"command": "agent-audit", "workspace": {"git": {"url": "https://github.com/owner/repo.git"}}, "changedSince": 7}""";
        await GitRefusalsApiTests.AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "changedSince", "must be a string");
    }

    [Fact]
    public async Task A_path_that_is_not_a_git_repository_is_a_400_naming_changedSince()
    {
        var folder = Directory.CreateDirectory(Path.Combine(factory.WorkspaceRoot, "plain-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var body = JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { path = folder }, changedSince = "main" });
        var text = await GitRefusalsApiTests.AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "changedSince", "has no .git");
        Assert.Contains("needs a git repository", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_without_a_workspace_cannot_compare_commits()
    {
        var body = """{"command": "synthetic", "options": {"items": 3}, "changedSince": "main"}""";
        await GitRefusalsApiTests.AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "changedSince", "give a workspace");
    }

    [Fact]
    public async Task An_unknown_top_level_field_lists_changedSince_among_the_fields()
    {
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json("""{"command": "synthetic", "changed_since": "main"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("changedSince", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_submit_endpoints_description_explains_changedSince()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var submit = document.GetProperty("paths").GetProperty("/api/jobs").GetProperty("post");
        Assert.Contains("changedSince", submit.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("changedSince", submit.GetProperty("responses").GetProperty("400").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_repository_is_compared_at_its_head_and_an_upload_without_git_fails_the_job_with_the_reason()
    {
        using var repository = GitWorkspacesApiTests.AgentRepository();
        var baseCommit = repository.Head();
        var head = repository.Commit(new Dictionary<string, string?> { [".claude/agents/quality/second.md"] = "---\nname: second\ndescription: Second reviewer. Use PROACTIVELY.\n---\n\nReview.\n" }, "add an agent");
        var archive = Path.Combine(Path.GetTempPath(), "pa-upload-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            ZipFile.CreateFromDirectory(repository.Path, archive);
            var job = await RunAsync(await UploadAsync(await File.ReadAllBytesAsync(archive)), baseCommit);
            Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
            var workspace = job.GetProperty("workspace");
            Assert.Equal("upload", workspace.GetProperty("source").GetString());
            Assert.Equal(head, workspace.GetProperty("commit").GetString());
            Assert.Equal(1, workspace.GetProperty("changedSince").GetProperty("files").GetInt32());
            Assert.Equal(1, job.GetProperty("progress").GetProperty("itemsTotal").GetInt32());
        }
        finally
        {
            File.Delete(archive);
        }

        var plain = WorkspacesApiTests.Zip(new Dictionary<string, string> { [".claude/agents/quality/x.md"] = "---\nname: x\n---\n" });
        var failed = await RunAsync(await UploadAsync(plain), "main");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("changedSince needs a git repository: The uploaded workspace has no .git folder", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> UploadAsync(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var uploaded = await _client.PostAsync("/api/workspaces", content);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workspaceId").GetString()!;
    }

    private async Task<JsonElement> RunAsync(string workspaceId, string changedSince)
    {
        var body = JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { workspaceId }, changedSince });
        var submitted = await _client.PostAsync("/api/jobs", JobsApiTests.Json(body));
        var text = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
        await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(90));
        return await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
    }
}
