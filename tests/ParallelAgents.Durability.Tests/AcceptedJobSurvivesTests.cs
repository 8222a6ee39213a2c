using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

/// <summary>202 Accepted is a promise: a job whose coordinator's process is SIGKILLed right after answering still runs to the end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AcceptedJobSurvivesTests(Azurite azurite)
{
    private const int Items = 12;

    [Fact]
    public async Task A_job_whose_process_dies_right_after_202_still_completes_on_the_survivor()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "accepted-" + Guid.NewGuid().ToString("N")[..12]);
        await using var entry = ServiceProcess.Start(settings);
        await using var survivor = ServiceProcess.Start(settings);
        await Task.WhenAll(entry.WaitReadyAsync(TimeSpan.FromSeconds(90)), survivor.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        // Submit until the job's coordinator is on the process about to die (placement may pick either).
        string? id = null;
        for (var attempt = 0; attempt < 10 && id is null; attempt++)
        {
            var response = await entry.Http.PostAsync("/api/jobs", new StringContent(
                $$$"""{"command":"synthetic","options":{"items":{{{Items}}},"latencyMs":200,"maxInstances":4}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (accepted.GetProperty("coordinator").GetString()!.Contains($":{entry.SiloPort}:", StringComparison.Ordinal))
            {
                id = accepted.GetProperty("id").GetString();
                entry.Kill();
            }
        }

        Assert.NotNull(id);
        var done = await survivor.WaitForJobAsync(id, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(150));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var report = await survivor.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
        var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
        Assert.Equal(Items, items.Distinct().Count());
        Assert.Equal(Items, items.Length);
    }
}
