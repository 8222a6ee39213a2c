using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Grains.Workspaces;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Api.Tests;

[Collection(GitApiCollection.Name)]
public sealed class GitWorkspacesApiTests(GitApiFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();
    private readonly TestGitRepository _repository = AgentRepository();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task A_repository_over_http_with_the_right_token_is_audited_at_its_commit_and_the_token_appears_nowhere()
    {
        var sha = _repository.Head();
        var url = fixture.Server.Publish(_repository, "audit-" + Guid.NewGuid().ToString("N")[..8]);
        var (id, events) = await RunAsync(new { url, @ref = "main" });

        var snapshot = await _client.GetStringAsync($"/api/jobs/{id}");
        var job = JsonNode.Parse(snapshot)!;
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal(sha, job["workspace"]!["commit"]!.GetValue<string>());
        Assert.Equal("main", job["workspace"]!["ref"]!.GetValue<string>());

        var report = await _client.GetStringAsync($"/api/jobs/{id}/report?format=json");
        var errors = SchemaErrors(report);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(sha, JsonNode.Parse(report)!["workspace"]!["commit"]!.GetValue<string>());
        Assert.Contains(".claude/agents/security/bad-agent.md", report, StringComparison.Ordinal);

        var everything = string.Join("\n", [
            snapshot, events, report,
            await _client.GetStringAsync($"/api/jobs/{id}/report?format=markdown"),
            await _client.GetStringAsync($"/api/jobs/{id}/report?format=sarif"),
            await _client.GetStringAsync("/api/jobs"),
            .. fixture.Logs.Lines.Select(l => l.Message + l.Exception)]);
        Assert.DoesNotContain(fixture.Server.Token, everything, StringComparison.Ordinal);
        Assert.Contains(fixture.Server.Requests, r => r.Contains("git-upload-pack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_token_fails_the_job_naming_the_host_and_the_token_appears_nowhere()
    {
        var url = fixture.Server.Publish(_repository, "wrong-" + Guid.NewGuid().ToString("N")[..8]).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var (id, events) = await RunAsync(new { url });
        var snapshot = await _client.GetStringAsync($"/api/jobs/{id}");
        var job = JsonNode.Parse(snapshot)!;
        Assert.Equal("failed", job["status"]!.GetValue<string>());
        var error = job["error"]!.GetValue<string>();
        Assert.Contains("localhost", error, StringComparison.Ordinal);
        Assert.Contains("refused the configured credentials", error, StringComparison.Ordinal);
        Assert.True(error.Contains("Workspaces:Git:Credentials:<host>:Token for host 'localhost'", StringComparison.Ordinal), error);

        var report = await _client.GetStringAsync($"/api/jobs/{id}/report?format=json");
        var everything = string.Join("\n", [snapshot, events, report, .. fixture.Logs.Lines.Select(l => l.Message + l.Exception)]);
        Assert.DoesNotContain(GitApiFixture.WrongToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.Token, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_shas_and_pull_request_refs_run_on_the_commit_they_name()
    {
        var old = _repository.Head();
        var head = _repository.Commit(new Dictionary<string, string?> { [".claude/agents/security/bad-agent.md"] = null }, "remove the bad agent");
        _repository.Git("tag", "-a", "-m", "first release", "v1", old);
        _repository.Git("update-ref", "refs/pull/7/head", old);
        var url = fixture.Server.Publish(_repository, "refs-" + Guid.NewGuid().ToString("N")[..8]);

        foreach (var (reference, commit) in new[] { ("v1", old), (old, old), ("refs/pull/7/head", old), ("main", head) })
        {
            var (id, _) = await RunAsync(new { url, @ref = reference });
            var report = JsonNode.Parse(await _client.GetStringAsync($"/api/jobs/{id}/report?format=json"))!;
            Assert.True(report["workspace"]?["commit"]?.GetValue<string>() == commit, $"{reference}: {report}");
            Assert.Equal(commit == old, report.ToJsonString().Contains("bad-agent.md", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_diff_aware_job_over_http_fetches_its_base_too_and_reports_the_base_and_the_count_without_the_token()
    {
        var baseCommit = _repository.Head();
        _repository.Git("mv", ".claude/agents/quality/reviewer.md", ".claude/agents/quality/code-reviewer.md");
        var head = _repository.Commit(new Dictionary<string, string?> { [".claude/agents/security/bad-agent.md"] = null, ["docs/new.md"] = "# New\n" }, "rename, delete, add");
        var url = fixture.Server.Publish(_repository, "diff-" + Guid.NewGuid().ToString("N")[..8]);
        var body = JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { git = new { url, @ref = "main" } }, changedSince = baseCommit });
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        var events = string.Join("\n", (await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(90))).Select(e => e.Data.GetRawText()));

        var snapshot = await _client.GetStringAsync($"/api/jobs/{id}");
        var job = JsonNode.Parse(snapshot)!;
        Assert.True(job["status"]!.GetValue<string>() == "completed", snapshot);
        Assert.Equal(head, job["workspace"]!["commit"]!.GetValue<string>());
        Assert.Equal(baseCommit, job["workspace"]!["changedSince"]!["ref"]!.GetValue<string>());
        Assert.Equal(baseCommit, job["workspace"]!["changedSince"]!["commit"]!.GetValue<string>());
        Assert.Equal(2, job["workspace"]!["changedSince"]!["files"]!.GetValue<int>());

        var report = await _client.GetStringAsync($"/api/jobs/{id}/report?format=json");
        var errors = SchemaErrors(report);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var parsed = JsonNode.Parse(report)!;
        Assert.Equal(1, parsed["summary"]!["itemsTotal"]!.GetValue<int>());
        Assert.Equal(2, parsed["workspace"]!["changedSince"]!["files"]!.GetValue<int>());
        Assert.DoesNotContain("bad-agent.md", report, StringComparison.Ordinal);
        var markdown = await _client.GetStringAsync($"/api/jobs/{id}/report?format=markdown");
        Assert.Contains($"Changed since {baseCommit} ({baseCommit[..12]}): 2 file(s) changed", markdown, StringComparison.Ordinal);

        var everything = string.Join("\n", [snapshot, events, report, markdown, .. fixture.Logs.Lines.Select(l => l.Message + l.Exception)]);
        Assert.DoesNotContain(fixture.Server.Token, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ref_fails_the_job_with_the_reason()
    {
        var url = fixture.Server.Publish(_repository, "unknown-" + Guid.NewGuid().ToString("N")[..8]);
        var (id, _) = await RunAsync(new { url, @ref = "no-such-branch" });
        var job = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("no branch, tag or ref 'no-such-branch'", job.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_jobs_on_one_commit_fetch_it_once()
    {
        var cache = fixture.Factory.Services.GetRequiredService<GitCheckoutCache>();
        var url = fixture.Server.Publish(_repository, "twice-" + Guid.NewGuid().ToString("N")[..8]);
        var before = cache.Fetches;
        var jobs = await Task.WhenAll(RunAsync(new { url }), RunAsync(new { url, @ref = "main" }));
        foreach (var (id, _) in jobs)
        {
            Assert.Equal("completed", (await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString());
        }

        Assert.Equal(before + 1, cache.Fetches);
    }

    [Fact]
    public async Task A_run_pins_its_repository_once_and_every_job_works_on_that_commit_from_one_fetch()
    {
        var cache = fixture.Factory.Services.GetRequiredService<GitCheckoutCache>();
        var sha = _repository.Head();
        var url = fixture.Server.Publish(_repository, "run-" + Guid.NewGuid().ToString("N")[..8]);
        var before = cache.Fetches;
        var body = JsonSerializer.Serialize(new { workspace = new { git = new { url, @ref = "main" } }, jobs = new[] { new { command = "agent-audit" }, new { command = "docs" }, new { command = "prime" } } });
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        var events = await Sse.ReadAllAsync(_client, $"/api/runs/{id}/events", TimeSpan.FromSeconds(120));
        Assert.Equal("completed", events[^1].Data.GetProperty("status").GetString());

        foreach (var job in events[^1].Data.GetProperty("jobs").EnumerateArray())
        {
            var snapshot = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.GetProperty("jobId").GetString()}");
            Assert.Equal(sha, snapshot.GetProperty("workspace").GetProperty("commit").GetString());
        }

        Assert.Equal(before + 1, cache.Fetches);
    }

    [Fact]
    public async Task A_file_url_under_the_allowed_roots_is_cloned_when_file_urls_are_allowed()
    {
        using var local = AgentRepository(fixture.Factory.WorkspaceRoot);
        var (id, _) = await RunAsync(new { url = local.FileUrl, paths = new[] { ".claude/" } });
        var report = JsonNode.Parse(await _client.GetStringAsync($"/api/jobs/{id}/report?format=json"))!;
        Assert.Equal(local.Head(), report["workspace"]!["commit"]!.GetValue<string>());
        Assert.Contains("bad-agent.md", report.ToJsonString(), StringComparison.Ordinal);

        using var outside = AgentRepository();
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json(Body(new { url = outside.FileUrl })));
        await GitRefusalsApiTests.AssertFieldErrorAsync(response, "workspace.git.url", "outside the allowed workspace roots");
    }

    internal static TestGitRepository AgentRepository(string? parent = null)
    {
        var repository = TestGitRepository.Create(parent);
        repository.Commit(new Dictionary<string, string?>
        {
            [".claude/agents/security/bad-agent.md"] = "---\nname: Bad_Agent\ndescription: audits things\ntools: Bash, Write\npermissionMode: bypassPermissions\ncategory: security\ncolor: blue\n---\n\nDo things.\n",
            [".claude/agents/quality/reviewer.md"] = "---\nname: reviewer\ndescription: Expert reviewer. Use PROACTIVELY for reviews.\n---\n\nReview code.\n",
            ["README.md"] = "# not an agent\n",
        });
        return repository;
    }

    internal static string Body(object git) => JsonSerializer.Serialize(new { command = "agent-audit", workspace = new { git } });

    private async Task<(string Id, string Events)> RunAsync(object git)
    {
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json(Body(git)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        var events = await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(90));
        return (id, string.Join("\n", events.Select(e => e.Data.GetRawText())));
    }

    private static readonly Lazy<JsonSchema> ReportSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "report-1.0.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static List<string> SchemaErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = ReportSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
