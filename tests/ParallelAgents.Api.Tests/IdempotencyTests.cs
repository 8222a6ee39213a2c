using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>A submission retried with one Idempotency-Key is one job, however often and however concurrently it is sent.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFactory factory)
{
    private const string Body = """{"command":"synthetic","options":{"items":3,"latencyMs":50}}""";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_same_key_sent_again_and_at_once_names_one_job_and_says_it_was_replayed()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(Body, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var id = await IdAsync(first);

        var again = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(Body, key)));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(again, r => Assert.Equal("true", r.Headers.GetValues("Idempotent-Replayed").Single()));
        foreach (var response in again)
        {
            Assert.Equal(id, await IdAsync(response));
            Assert.Equal($"/api/jobs/{id}", response.Headers.Location?.ToString());
        }

        // Only one job exists under that id's command and time: the list has it once.
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500");
        Assert.Single(page.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        var other = await IdAsync(await PostAsync(Body, Guid.NewGuid().ToString()));
        Assert.NotEqual(id, other);
    }

    [Fact]
    public async Task Keys_raced_from_the_start_still_make_one_job()
    {
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(Body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdAsync));
        Assert.Single(ids.Distinct());
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_refused_naming_the_header()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Body, key)).StatusCode);

        var other = await PostAsync("""{"command":"synthetic","options":{"items":4}}""", key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task A_malformed_key_is_a_400_naming_the_header(string key)
    {
        var response = await PostAsync(Body, key.Length == 0 ? new string('k', 201) : key);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task A_run_retried_with_one_key_is_one_run_whose_jobs_start_once_and_the_key_is_refused_for_another_run()
    {
        const string run = """{"jobs":[{"command":"synthetic","options":{"items":3,"latencyMs":50}},{"command":"synthetic","options":{"items":2}}]}""";
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(run, key, "/api/runs")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdAsync));
        var id = Assert.Single(ids.Distinct());
        Assert.Equal(4, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.All(responses, r => Assert.Equal($"/api/runs/{id}", r.Headers.Location?.ToString()));

        // One run, two jobs, each listed once.
        var snapshot = await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        var jobs = snapshot.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()).ToList();
        Assert.Equal(2, jobs.Count);
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500");
        Assert.All(jobs, job => Assert.Single(page.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetString() == job));

        // The key names that run, not a job: a job submitted under it is a job of its own.
        Assert.NotEqual(id, await IdAsync(await PostAsync(Body, key)));

        var other = await PostAsync("""{"jobs":[{"command":"synthetic"}]}""", key, "/api/runs");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.True((await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(run, "has space", "/api/runs")).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string key, string path = "/api/jobs")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
}
