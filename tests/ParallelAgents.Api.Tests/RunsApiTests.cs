using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.TestSupport;

namespace ParallelAgents.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RunsApiTests(ApiFactory factory)
{
    private static readonly string[] Commands = ["agent-audit", "docs", "prime"];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_run_of_three_commands_goes_running_to_completed_with_one_report_holding_every_commands_section()
    {
        var workspace = Workspace();
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(JsonSerializer.Serialize(new
        {
            workspace = new { path = workspace },
            jobs = Commands.Select(c => new { command = c }),
            priority = "high",
        })));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var accepted = JsonNode.Parse(text)!;
        var id = accepted["id"]!.GetValue<string>();
        Assert.Equal($"/api/runs/{id}", response.Headers.Location?.ToString());
        Assert.Equal("running", accepted["status"]!.GetValue<string>());
        Assert.Equal("high", accepted["priority"]!.GetValue<string>());
        Assert.Equal(Commands, accepted["jobs"]!.AsArray().Select(j => j!["command"]!.GetValue<string>()));

        var events = await Sse.ReadAllAsync(_client, $"/api/runs/{id}/events", TimeSpan.FromSeconds(120));
        Assert.Equal("runCompleted", events[^1].Type);
        Assert.Equal(3, events.Count(e => e.Type == "jobCompleted"));
        foreach (var command in Commands)
        {
            Assert.Contains(events, e => e.Type == "planned" && e.Data.GetProperty("command").GetString() == command);
        }

        Assert.Equal("completed", events[^1].Data.GetProperty("status").GetString());

        var run = await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.All(run.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("completed", j.GetProperty("status").GetString()));
        foreach (var job in run.GetProperty("jobs").EnumerateArray())
        {
            var snapshot = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.GetProperty("jobId").GetString()}");
            Assert.Equal("high", snapshot.GetProperty("priority").GetString());
        }

        var json = JsonNode.Parse(await _client.GetStringAsync($"/api/runs/{id}/report?format=json"))!;
        Assert.Equal(Commands, json["sections"]!.AsArray().Select(s => s!["command"]!.GetValue<string>()));
        Assert.All(json["sections"]!.AsArray(), s => Assert.Equal("completed", s!["status"]!.GetValue<string>()));

        var markdown = await _client.GetStringAsync($"/api/runs/{id}/report?format=markdown");
        Assert.StartsWith("# Run report", markdown, StringComparison.Ordinal);
        foreach (var command in Commands)
        {
            Assert.Contains($"\n## {command} report", markdown, StringComparison.Ordinal);
        }

        var sarif = await _client.GetStringAsync($"/api/runs/{id}/report?format=sarif");
        var runs = JsonNode.Parse(sarif)!["runs"]!.AsArray();
        Assert.Equal(Commands, runs.Select(r => r!["properties"]!["command"]!.GetValue<string>()));
        var problems = SarifMultitool.Validate(sarif);
        Assert.True(problems.Count == 0, "sarif-multitool reported:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("""{"jobs":[]}""", "jobs")]
    [InlineData("""{"jobs":{"command":"docs"}}""", "jobs")]
    [InlineData("""{"workspace":{"path":"."}}""", "jobs")]
    [InlineData("""{"jobs":[{"command":"synthetic"},{"command":"nope"}]}""", "jobs[1].command")]
    [InlineData("""{"jobs":[{"command":"synthetic","options":{"items":"many"}}]}""", "jobs[0].options.items")]
    [InlineData("""{"jobs":[{"command":"synthetic","colour":"red"}]}""", "jobs[0].colour")]
    [InlineData("""{"jobs":["synthetic"]}""", "jobs[0]")]
    [InlineData("""{"jobs":[{"command":"synthetic"}],"priority":"urgent"}""", "priority")]
    [InlineData("""{"jobs":[{"command":"synthetic"}],"workspace":{"path":"/etc"}}""", "workspace.path")]
    [InlineData("""{"jobs":[{"command":"synthetic"}],"extra":1}""", "extra")]
    [InlineData("""{"jobs":[{"command":"synthetic"}]""", "body")]
    public async Task Bad_runs_get_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task A_run_over_the_job_limit_is_400_naming_jobs_and_the_setting()
    {
        var body = JsonSerializer.Serialize(new { jobs = Enumerable.Range(0, 9).Select(_ => new { command = "synthetic" }) });
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Limits:MaxJobsPerRun", JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("jobs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_that_reconnects_with_the_last_event_id_gets_each_job_after_what_it_had_and_nothing_twice()
    {
        var body = """{"jobs":[{"command":"synthetic","options":{"items":4,"latencyMs":20,"maxInstances":2}},{"command":"synthetic","options":{"items":12,"latencyMs":100,"maxInstances":2}}]}""";
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var first = await ReadWithIdsAsync(id, null);
        Assert.Equal("runCompleted", first[^1].Type);

        // Cut the stream just after the short job ended, as a dropped connection would, and reconnect from there.
        var cut = first.FindIndex(e => e.Type == "jobCompleted");
        var resumed = await ReadWithIdsAsync(id, first[cut].Id);
        var shortJob = first[cut].Data.GetProperty("jobId").GetString();
        Assert.DoesNotContain(resumed, e => e.Type != "runCompleted" && e.Data.GetProperty("jobId").GetString() == shortJob);

        // The other job comes back with its snapshot, then exactly the events the first stream had after the cut.
        static bool Event((string Id, string Type, JsonElement Data) e) => e.Type is not ("snapshot" or "runCompleted");
        Assert.Equal("snapshot", resumed[0].Type);
        Assert.Equal(first.Skip(cut + 1).Where(Event).Select(e => e.Type), resumed.Where(Event).Select(e => e.Type));
        Assert.Equal(first[^1].Id, resumed[^1].Id);

        // The last id of all: only the run's end again.
        Assert.Equal(["runCompleted"], (await ReadWithIdsAsync(id, first[^1].Id)).Select(e => e.Type));
    }

    // The run's stream with each event's id, from the start or after lastEventId.
    private async Task<List<(string Id, string Type, JsonElement Data)>> ReadWithIdsAsync(string runId, string? lastEventId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _client.SendAsync(request, cts.Token);
        response.EnsureSuccessStatusCode();
        var events = new List<(string, string, JsonElement)>();
        foreach (var block in (await response.Content.ReadAsStringAsync(cts.Token)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            string Field(string name) => string.Join('\n', lines.Where(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Select(l => l[(name.Length + 1)..].TrimStart()));
            events.Add((Field("id"), Field("event"), JsonDocument.Parse(Field("data")).RootElement.Clone()));
        }

        return events;
    }

    [Fact]
    public async Task Deleting_a_run_cancels_its_jobs_and_its_report_waits_until_they_ended()
    {
        var body = """{"jobs":[{"command":"synthetic","options":{"items":40,"latencyMs":500,"maxInstances":2}},{"command":"synthetic","options":{"items":40,"latencyMs":500,"maxInstances":2}}]}""";
        var response = await _client.PostAsync("/api/runs", JobsApiTests.Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync($"/api/runs/{id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/api/runs/{id}/report?format=pdf")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await _client.DeleteAsync($"/api/runs/{id}")).StatusCode);
        var events = await Sse.ReadAllAsync(_client, $"/api/runs/{id}/events", TimeSpan.FromSeconds(120));
        Assert.Equal("cancelled", events[^1].Data.GetProperty("status").GetString());
        var report = JsonNode.Parse(await _client.GetStringAsync($"/api/runs/{id}/report"))!;
        Assert.Equal("cancelled", report["status"]!.GetValue<string>());
        Assert.All(report["sections"]!.AsArray(), s => Assert.Equal("cancelled", s!["status"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/runs/0000000000000000000000000000dead")]
    [InlineData("/api/runs/0000000000000000000000000000dead/events")]
    [InlineData("/api/runs/0000000000000000000000000000dead/report")]
    [InlineData("/api/runs/..%2F..%2Fetc")]
    public async Task Unknown_run_is_404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/api/runs/0000000000000000000000000000dead")).StatusCode);
    }

    // A small tree every command finds work in: agent definitions, docs, code.
    private string Workspace()
    {
        var root = Directory.CreateDirectory(Path.Combine(factory.WorkspaceRoot, "run-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var files = new Dictionary<string, string>
        {
            [".claude/agents/security/bad-agent.md"] = "---\nname: Bad_Agent\ndescription: audits things\ntools: Bash, Write\ncategory: security\n---\n\nDo things.\n",
            [".claude/agents/quality/reviewer.md"] = "---\nname: reviewer\ndescription: Expert reviewer. Use PROACTIVELY for reviews.\n---\n\nReview code.\n",
            ["README.md"] = "# Sample\n\nA sample project.\n",
            ["docs/guide.md"] = "# Guide\n\nSee [missing](missing.md).\n",
            ["src/app.py"] = "import os\n\n\ndef main():\n    return os.getcwd()\n",
            ["src/util.js"] = "export function add(a, b) {\n  return a + b;\n}\n",
        };
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return root;
    }
}
