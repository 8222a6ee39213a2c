using System.Net;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>Git workspaces the service refuses at submission, on its default settings (no listed hosts, no file:// URLs).</summary>
[Collection(ApiCollection.Name)]
public sealed class GitRefusalsApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("http://127.0.0.1:9/repo.git", "loopback, link-local or private address")]
    [InlineData("http://localhost:9/repo.git", "loopback, link-local or private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "loopback, link-local or private address")]
    [InlineData("https://alice:hunter2-secret@github.com/owner/repo.git", "Credentials in the URL are refused")]
    [InlineData("ext::sh -c touch% /tmp/pwned", "Transport syntax")]
    [InlineData("ssh://git@github.com/owner/repo.git", "scheme 'ssh'")]
    [InlineData("file:///etc", "file:// URLs are not accepted")]
    public async Task Unsafe_repository_urls_are_a_400_naming_workspace_git_url(string url, string reason)
    {
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json(GitWorkspacesApiTests.Body(new { url })));
        var text = await AssertFieldErrorAsync(response, "workspace.git.url", reason);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("main..dev")]
    [InlineData("a b")]
    public async Task A_malformed_ref_is_a_400_naming_workspace_git_ref(string reference)
    {
        var body = GitWorkspacesApiTests.Body(new { url = "https://github.com/owner/repo.git", @ref = reference });
        await AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "workspace.git.ref", "not a valid git ref");
    }

    [Theory]
    [InlineData("""{"url": "https://github.com/o/r.git", "depth": 0}""", "workspace.git.depth")]
    [InlineData("""{"url": "https://github.com/o/r.git", "paths": ["../x"]}""", "workspace.git.paths")]
    [InlineData("""{"url": "https://github.com/o/r.git", "branch": "main"}""", "workspace.git.branch")]
    [InlineData("""{"ref": "main"}""", "workspace.git.url")]
    public async Task Other_bad_git_fields_are_named(string git, string field)
    {
        var body = "{\"command\": \"agent-audit\", \"workspace\": {\"git\": " + git + "}}";
        await AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), field, "");
    }

    [Fact]
    public async Task A_git_workspace_with_a_path_is_refused()
    {
        var body = """{"command": "agent-audit", "workspace": {"path": ".", "git": {"url": "https://github.com/o/r.git"}}}""";
        await AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", JobsApiTests.Json(body)), "workspace", "exactly one of");
    }

    internal static async Task<string> AssertFieldErrorAsync(HttpResponseMessage response, string field, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), text);
        Assert.Contains(reason, messages.ToString(), StringComparison.Ordinal);
        return text;
    }
}
