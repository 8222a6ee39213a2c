using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>
/// <c>GET /api/scaling</c> with a scaling key and one slot in the cluster: the queued items are the scheduler's, and
/// nothing but the key opens it.
/// </summary>
public sealed class ScalingApiTests(ScalingApiTests.OneSlotFactory factory) : IClassFixture<ScalingApiTests.OneSlotFactory>
{
    public const string ScalingKey = "scaling-key-5f0c7d2e9a41b836";

    [Fact]
    public async Task With_the_one_slot_taken_the_signal_counts_the_waiting_jobs_items_as_the_scheduler_does()
    {
        var client = KeyClient();
        await UntilAsync(client, "/api/scheduler", s => s.GetProperty("silos").GetArrayLength() == 1);

        // One long item takes the only slot; the five items of the second job wait behind it.
        var running = await SubmitAsync(client, """{"command":"synthetic","options":{"items":1,"latencyMs":120000,"maxInstances":1}}""");
        await UntilAsync(client, "/api/scaling", s => s.GetProperty("runningSlots").GetDouble() >= 1);
        var waiting = await SubmitAsync(client, """{"command":"synthetic","options":{"items":5,"latencyMs":10,"maxInstances":1}}""");
        try
        {
            var signal = await UntilAsync(client, "/api/scaling", s => s.GetProperty("queuedItems").GetInt32() > 0);
            var scheduler = await client.GetFromJsonAsync<JsonElement>("/api/scheduler");

            Assert.Equal(5, signal.GetProperty("queuedItems").GetInt32());
            Assert.Equal(scheduler.GetProperty("queuedItems").GetInt32(), signal.GetProperty("queuedItems").GetInt32());
            Assert.Equal(scheduler.GetProperty("queuedSegments").GetInt32(), signal.GetProperty("queuedSegments").GetInt32());
            Assert.Equal(1, signal.GetProperty("silos").GetInt32());
            Assert.Equal(1, signal.GetProperty("runningSlots").GetDouble());
        }
        finally
        {
            await client.PostAsync($"/api/jobs/{waiting}/cancel", null);
            await client.PostAsync($"/api/jobs/{running}/cancel", null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("scaling-key-5f0c7d2e9a41b837")]
    [InlineData("scaling-key-5f0c7d2e9a41b836-and-more")]
    public async Task Without_the_scaling_key_the_signal_is_401_with_a_challenge(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.GetAsync("/api/scaling");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.Select(h => h.Scheme));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Scaling:ApiKey", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_scaling_key_opens_the_signal()
    {
        var response = await KeyClient().GetAsync("/api/scaling");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signal = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(signal.GetProperty("queuedItems").GetInt32() >= 0);
    }

    private HttpClient KeyClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ScalingKey);
        return client;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> UntilAsync(HttpClient client, string url, Func<JsonElement, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var value = await client.GetFromJsonAsync<JsonElement>(url);
            if (holds(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} never showed what the test waits for: {value.GetRawText()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The service without authentication but with a scaling key, and one slot in its one silo.</summary>
    public sealed class OneSlotFactory : InMemoryServiceFactory<Program>
    {
        public OneSlotFactory()
            : base("scaling")
        {
            Settings["Scaling:ApiKey"] = ScalingKey;
            Settings["Scheduling:MaxSegmentsPerSilo"] = "1";
            Settings["Scheduling:LatencyBoundShare"] = "1";
            Settings["Scheduling:CpuPressurePercent"] = "100";
            Settings["Scheduling:MemoryPerSegmentBytes"] = "0";
            Settings["Scheduling:LearnFromHistory"] = "false";
            Settings["Scheduling:ReportInterval"] = "00:00:00.200";
        }
    }
}
