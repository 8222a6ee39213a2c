using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>The job list tells the truth while jobs run, not only at submission and at the end.</summary>
[Collection(ApiCollection.Name)]
public sealed class JobListTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_running_job_is_listed_as_running_with_its_instances_and_progress()
    {
        var response = await _client.PostAsync("/api/jobs", new StringContent(
            """{"command":"synthetic","options":{"items":40,"latencyMs":250,"maxInstances":4}}""", Encoding.UTF8, "application/json"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement? running = null;
        for (var poll = 0; poll < 300 && running is null; poll++)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?status=running&take=500");
            var row = page.GetProperty("items").EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == id);
            if (row.ValueKind == JsonValueKind.Object && row.GetProperty("percent").GetDouble() > 0)
            {
                running = row;
                break;
            }

            var status = (await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString();
            Assert.True(status is "pending" or "planning" or "running", $"the job ended ({status}) without the list ever showing it running with progress");
            await Task.Delay(100);
        }

        Assert.NotNull(running);
        Assert.Equal("running", running.Value.GetProperty("status").GetString());
        Assert.Equal(4, running.Value.GetProperty("instances").GetInt32());
        Assert.Equal(40, running.Value.GetProperty("itemsTotal").GetInt32());
        Assert.InRange(running.Value.GetProperty("percent").GetDouble(), 0.1, 100);

        await Sse.ReadAllAsync(_client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        JsonElement finished = default;
        for (var poll = 0; poll < 100 && finished.ValueKind != JsonValueKind.Object; poll++)
        {
            var done = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&take=500");
            finished = done.GetProperty("items").EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == id);
            if (finished.ValueKind != JsonValueKind.Object)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(JsonValueKind.Object, finished.ValueKind);
        Assert.Equal(100, finished.GetProperty("percent").GetDouble());
        Assert.Equal(40, finished.GetProperty("itemsDone").GetInt32());
        var stillRunning = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?status=running&take=500");
        Assert.DoesNotContain(stillRunning.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
    }
}
