using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DurableModeTests(Azurite azurite)
{
    [Fact]
    public async Task After_every_silo_stops_a_restart_on_the_same_storage_resumes_the_job_and_serves_old_reports()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "restart-" + Guid.NewGuid().ToString("N")[..12]);
        string finished, interrupted;
        await using (var first = ServiceProcess.Start(settings))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(90));
            finished = await first.SubmitAsync("""{"command":"synthetic","options":{"items":6,"maxInstances":2}}""");
            await first.WaitForJobAsync(finished, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(60));
            interrupted = await first.SubmitAsync("""{"command":"synthetic","options":{"items":40,"latencyMs":250,"maxInstances":4}}""");
            await first.WaitForJobAsync(interrupted, s => s.GetProperty("progress").GetProperty("itemsDone").GetInt32() >= 8, TimeSpan.FromSeconds(60));
            first.Kill();
        }

        await using var second = ServiceProcess.Start(settings);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(90));

        // Only the job list is read until the job is done, so what revives the job is its watchdog reminder.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (true)
        {
            var page = await second.Http.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&take=500");
            if (page.GetProperty("items").EnumerateArray().Any(j => j.GetProperty("id").GetString() == interrupted))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the interrupted job was not resumed by its watchdog: " + second.Errors);
            await Task.Delay(500);
        }

        var report = await second.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{interrupted}/report");
        var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
        Assert.Equal(40, items.Length);
        Assert.Equal(40, items.Distinct().Count());
        Assert.Equal(0, report.GetProperty("summary").GetProperty("duplicatesRemoved").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync($"/api/jobs/{finished}/report?format=sarif")).StatusCode);
    }

    [Fact]
    public async Task Three_processes_share_one_cluster_and_a_sigkilled_one_loses_and_duplicates_nothing()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "trio-" + Guid.NewGuid().ToString("N")[..12]);
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var service = ServiceProcess.Start(settings);
                services.Add(service);
                await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
            }

            var entry = services[0];

            // Each process answering is not enough: wait until the entry process places work on all three silos.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                var probe = await entry.SubmitAsync("""{"command":"synthetic","options":{"items":6,"maxInstances":6,"itemsPerInstance":1}}""");
                var ran = await entry.WaitForJobAsync(probe, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(60));
                var used = ran.GetProperty("instances").EnumerateArray().Select(i => i.TryGetProperty("silo", out var s) ? s.GetString() : null).Distinct().Count();
                if (used == 3)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "the three processes did not form one cluster");
                await Task.Delay(500);
            }

            var id = await entry.SubmitAsync("""{"command":"synthetic","options":{"items":48,"latencyMs":300,"maxInstances":6,"itemsPerInstance":1}}""");
            var running = await entry.WaitForJobAsync(
                id,
                s => s.GetProperty("progress").GetProperty("itemsDone").GetInt32() >= 6
                    && s.GetProperty("instances").EnumerateArray().All(i => i.TryGetProperty("silo", out _)),
                TimeSpan.FromSeconds(60));
            var silos = running.GetProperty("instances").EnumerateArray()
                .Select(i => i.TryGetProperty("silo", out var s) ? s.GetString() : null)
                .OfType<string>()
                .ToArray();
            Assert.True(silos.Distinct().Count() > 1, "segments should spread over the cluster: " + string.Join(",", silos));
            var victim = services.Skip(1).FirstOrDefault(s => silos.Any(x => x.Contains($":{s.SiloPort}:", StringComparison.Ordinal)))
                ?? throw new InvalidOperationException("no segment runs on the second or third process: " + string.Join(",", silos));
            victim.Kill();

            var done = await entry.WaitForJobAsync(id, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(120));
            var report = await entry.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
            Assert.True(done.GetProperty("status").GetString() == "completed", $"{report.GetProperty("errors")} {report.GetProperty("segments")}");
            var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
            Assert.Equal(48, items.Length);
            Assert.Equal(48, items.Distinct().Count());
            Assert.Equal(0, report.GetProperty("summary").GetProperty("duplicatesRemoved").GetInt32());
            Assert.True(
                report.GetProperty("segments").EnumerateArray().Any(s => s.GetProperty("reassignments").GetInt32() > 0),
                $"victim silo port {victim.SiloPort}; segments: {report.GetProperty("segments")}");
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }
}
