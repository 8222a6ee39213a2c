using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

/// <summary>202 Accepted is a promise: a job whose coordinator's process is SIGKILLed as soon as the 202 arrives still runs to the end.</summary>
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

        // The process that holds the job's coordinator (placement picks either, and under load keeps picking the one
        // not serving HTTP) is SIGKILLed as soon as the 202 arrives; the other one must finish the job.
        var response = await entry.Http.PostAsync("/api/jobs", new StringContent(
            $$$"""{"command":"synthetic","options":{"items":{{{Items}}},"latencyMs":200,"maxInstances":4}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        var onEntry = accepted.GetProperty("coordinator").GetString()!.Contains($":{entry.SiloPort}:", StringComparison.Ordinal);
        var (dead, alive) = onEntry ? (entry, survivor) : (survivor, entry);
        dead.Kill();

        var done = await alive.WaitForJobAsync(id, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(150));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var report = await alive.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
        var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
        Assert.Equal(Items, items.Distinct().Count());
        Assert.Equal(Items, items.Length);
    }
}
