using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class JobsApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Lists_commands_with_role_pool_defaults_and_options()
    {
        var commands = await _client.GetFromJsonAsync<JsonElement>("/api/commands");
        var synthetic = commands.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "synthetic");
        Assert.Equal(8, synthetic.GetProperty("pool").GetProperty("maxInstances").GetInt32());
        Assert.False(string.IsNullOrEmpty(synthetic.GetProperty("agentRole").GetString()));
        var options = synthetic.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToArray();
        Assert.Contains("maxInstances", options);
        Assert.Contains("latencyMs", options);
    }

    [Fact]
    public async Task A_stream_opened_after_the_job_ended_still_ends_with_jobCompleted()
    {
        var response = await _client.PostAsync("/api/jobs", Json("""{"command":"synthetic","options":{"items":4,"maxInstances":2}}"""));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var all = await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        var last = all[^1].Data.GetProperty("sequence").GetInt64();

        // Resuming past every stored event of an ended job (as a client does whose last read was the completion, or
        // one that opens the stream while the completion event is still being stored) replays nothing; the stream
        // must still say that the job ended, or the client waits for an event that never comes.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/events");
        request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resumed = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await resumed.Content.ReadAsStringAsync();

        Assert.Contains("event: snapshot", text, StringComparison.Ordinal);
        Assert.Equal("jobCompleted", Sse.LastEventType(text));
    }

    [Fact]
    public async Task Submit_follow_events_then_fetch_report()
    {
        var response = await _client.PostAsync("/api/jobs", Json("""{"command":"synthetic","options":{"items":20,"latencyMs":60,"maxInstances":4}}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = snapshot.GetProperty("id").GetString()!;
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location?.ToString());
        Assert.Contains(snapshot.GetProperty("status").GetString(), new[] { "pending", "planning", "running" });

        var events = await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        var types = events.Select(e => e.Type).ToList();
        Assert.Equal("snapshot", types[0]);
        Assert.Equal("jobCompleted", types[^1]);
        var planned = types.IndexOf("planned");
        var firstItem = types.IndexOf("itemCompleted");
        Assert.True(planned > 0 && firstItem > planned, string.Join(",", types));
        Assert.True(types.LastIndexOf("itemCompleted") < types.Count - 1);
        var sequences = events.Skip(1).Select(e => e.Data.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(sequences.Order().ToArray(), sequences);
        var final = events[^1].Data.GetProperty("snapshot");
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(4, final.GetProperty("instances").GetArrayLength());
        Assert.Equal(100, final.GetProperty("progress").GetProperty("percent").GetDouble());
        Assert.Equal(20, final.GetProperty("progress").GetProperty("itemsDone").GetInt32());
        Assert.True(final.GetProperty("metrics").GetProperty("speedup").GetDouble() > 1);

        var job = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        foreach (var field in new[] { "id", "command", "status", "instances", "progress", "metrics" })
        {
            Assert.True(job.TryGetProperty(field, out _), field);
        }

        var report = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
        Assert.Equal(20, report.GetProperty("findings").GetArrayLength());
        Assert.Equal(20, report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()).Distinct().Count());
        Assert.Equal("completed", report.GetProperty("status").GetString());

        var markdown = await _client.GetAsync($"/api/jobs/{id}/report?format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# synthetic report", await markdown.Content.ReadAsStringAsync());
        var sarif = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report?format=sarif");
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Failing_items_end_the_job_with_errors_in_the_report()
    {
        var id = await SubmitAsync("""{"command":"synthetic","options":{"items":12,"failureRate":0.5,"seed":3,"maxInstances":3}}""");
        var report = await WaitForReportAsync(id);
        Assert.Equal("completedWithErrors", report.GetProperty("status").GetString());
        var errors = report.GetProperty("errors").GetArrayLength();
        Assert.InRange(errors, 1, 11);
        Assert.Equal(12 - errors, report.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Cancel_ends_the_job_cancelled()
    {
        var id = await SubmitAsync("""{"command":"synthetic","options":{"items":40,"latencyMs":500,"maxInstances":4}}""");
        var cancel = await _client.PostAsync($"/api/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var report = await WaitForReportAsync(id);
        Assert.Equal("cancelled", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("findings").GetArrayLength() < 40);
    }

    [Fact]
    public async Task Lists_jobs_newest_first_with_a_status_filter()
    {
        var first = await SubmitAsync("""{"command":"synthetic","options":{"items":1}}""");
        var second = await SubmitAsync("""{"command":"synthetic","options":{"items":1}}""");
        await WaitForReportAsync(first);
        await WaitForReportAsync(second);
        await Task.Delay(300);
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500");
        var ids = page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first) && ids.IndexOf(second) >= 0);
        var completed = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&take=500");
        Assert.All(completed.GetProperty("items").EnumerateArray(), j => Assert.Equal("completed", j.GetProperty("status").GetString()));
        var one = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=1");
        Assert.Equal(1, one.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("""{"options":{}}""", "command")]
    [InlineData("""{"command":42}""", "command")]
    [InlineData("""{"command":"nope"}""", "command")]
    [InlineData("""{"command":"synthetic","options":{"maxInstances":0}}""", "options.maxInstances")]
    [InlineData("""{"command":"synthetic","options":{"itemsPerInstance":0}}""", "options.itemsPerInstance")]
    [InlineData("""{"command":"synthetic","options":{"maxInstances":"eight"}}""", "options.maxInstances")]
    [InlineData("""{"command":"synthetic","options":{"colour":"red"}}""", "options.colour")]
    [InlineData("""{"command":"synthetic","options":[]}""", "options")]
    [InlineData("""{"command":"synthetic","workspace":{}}""", "workspace")]
    [InlineData("""{"command":"synthetic","workspace":"here"}""", "workspace")]
    [InlineData("""{"command":"synthetic","workspace":{"path":"/etc"}}""", "workspace.path")]
    [InlineData("""{"command":"synthetic","workspace":{"workspaceId":"abc"}}""", "workspace.workspaceId")]
    [InlineData("""{"command":"synthetic","priority":"urgent"}""", "priority")]
    [InlineData("""{"command":"synthetic","priority":"Critical"}""", "priority")]
    [InlineData("""{"command":"synthetic","priority":3}""", "priority")]
    public async Task Bad_submissions_get_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/jobs", Json(body));
        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task A_jobs_priority_is_stored_and_shown_in_its_snapshot_and_the_job_list()
    {
        var response = await _client.PostAsync("/api/jobs", Json("""{"command":"synthetic","options":{"items":2},"priority":"high"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var snapshot = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("high", snapshot.GetProperty("priority").GetString());
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500");
        var row = list.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("id").GetString() == id);
        Assert.Equal("high", row.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task The_scheduler_shows_the_queued_work_and_each_silos_budget()
    {
        JsonElement scheduler;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            // The silo reports its load every two seconds after it started.
            scheduler = await _client.GetFromJsonAsync<JsonElement>("/api/scheduler");
            if (scheduler.GetProperty("silos").GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (true);

        Assert.True(scheduler.GetProperty("queuedItems").GetInt32() >= 0);
        var silo = Assert.Single(scheduler.GetProperty("silos").EnumerateArray());
        Assert.Equal(Environment.ProcessorCount, silo.GetProperty("cores").GetInt32());
        Assert.True(silo.GetProperty("budget").GetInt32() >= 0);
    }

    [Fact]
    public async Task Unknown_command_error_lists_the_valid_ones()
    {
        var response = await _client.PostAsync("/api/jobs", Json("""{"command":"nope"}"""));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("synthetic", problem.GetProperty("errors").GetProperty("command")[0].GetString());
    }

    [Fact]
    public async Task Workspace_path_that_is_missing_a_file_or_outside_the_roots_gets_400()
    {
        var file = Path.Combine(factory.WorkspaceRoot, "a-file.txt");
        await File.WriteAllTextAsync(file, "x");
        foreach (var path in new[] { Path.Combine(factory.WorkspaceRoot, "missing"), file, Path.GetTempPath(), "relative/../../.." })
        {
            var body = JsonSerializer.Serialize(new { command = "synthetic", workspace = new { path } });
            await AssertFieldErrorAsync(await _client.PostAsync("/api/jobs", Json(body)), "workspace.path");
        }

        var ok = JsonSerializer.Serialize(new { command = "synthetic", workspace = new { path = factory.WorkspaceRoot }, options = new { items = 1 } });
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync("/api/jobs", Json(ok))).StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs/0000000000000000000000000000dead")]
    [InlineData("/api/jobs/0000000000000000000000000000dead/events")]
    [InlineData("/api/jobs/0000000000000000000000000000dead/report")]
    [InlineData("/api/jobs/..%2F..%2Fetc")]
    public async Task Unknown_job_is_404(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/jobs/0000000000000000000000000000dead/cancel", null)).StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs?status=flying", "status")]
    [InlineData("/api/jobs?take=0", "take")]
    [InlineData("/api/jobs?skip=-1", "skip")]
    public async Task Bad_queries_get_400_naming_the_field(string url, string field) =>
        await AssertFieldErrorAsync(await _client.GetAsync(url), field);

    [Fact]
    public async Task Report_of_a_running_job_is_409_and_a_bad_format_400()
    {
        var id = await SubmitAsync("""{"command":"synthetic","options":{"items":10,"latencyMs":400,"maxInstances":1}}""");
        Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync($"/api/jobs/{id}/report")).StatusCode);
        await AssertFieldErrorAsync(await _client.GetAsync($"/api/jobs/{id}/report?format=pdf"), "format");
        await _client.PostAsync($"/api/jobs/{id}/cancel", null);
    }

    [Fact]
    public async Task Serves_openapi_swagger_and_health()
    {
        var openapi = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/events", "/api/jobs/{id}/report", "/api/jobs/{id}/cancel", "/api/runs", "/api/runs/{id}", "/api/runs/{id}/events", "/api/runs/{id}/report", "/api/commands", "/api/workspaces" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<string> SubmitAsync(string body)
    {
        var response = await _client.PostAsync("/api/jobs", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> WaitForReportAsync(string id)
    {
        await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        var response = await _client.GetAsync($"/api/jobs/{id}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
    }
}
