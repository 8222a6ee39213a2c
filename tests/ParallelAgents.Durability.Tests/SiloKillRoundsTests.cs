using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

/// <summary>
/// A three-process durable cluster in which, round after round, the process holding a job's coordinator or one holding
/// only its segments is SIGKILLed and replaced. A silo's death may leave two activations of the coordinator for a
/// while; whichever dies, the job completes with every item exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiloKillRoundsTests(Azurite azurite)
{
    private const int Items = 36;

    [Fact]
    public async Task Killing_the_coordinators_process_or_a_segments_process_in_turn_never_fails_a_job()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "rounds-" + Guid.NewGuid().ToString("N")[..12]);
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                services.Add(await StartAsync(settings));
            }

            foreach (var killCoordinator in new[] { true, false, true })
            {
                var entry = services[0];
                var id = await entry.SubmitAsync("""{"command":"synthetic","options":{"items":36,"latencyMs":300,"maxInstances":6,"itemsPerInstance":1}}""");
                var running = await entry.WaitForJobAsync(
                    id,
                    s => s.GetProperty("progress").GetProperty("itemsDone").GetInt32() >= 6
                        && s.GetProperty("instances").EnumerateArray().All(i => i.TryGetProperty("silo", out _)),
                    TimeSpan.FromSeconds(90));
                var coordinator = running.GetProperty("coordinator").GetString()!;
                var segmentSilos = running.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("silo").GetString()!).ToArray();
                var victim = killCoordinator
                    ? services.Single(s => Hosts(s, coordinator))
                    : services.FirstOrDefault(s => !Hosts(s, coordinator) && segmentSilos.Any(x => Hosts(s, x)))
                        ?? services.First(s => !Hosts(s, coordinator));
                victim.Kill();
                await victim.DisposeAsync();
                services.Remove(victim);

                var survivor = services[0];
                var done = await survivor.WaitForJobAsync(id, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(150));
                var report = await survivor.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
                var what = killCoordinator ? "the coordinator's process" : "a segments' process";
                Assert.True(
                    done.GetProperty("status").GetString() == "completed",
                    $"after killing {what}: {done} {report}");
                var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
                Assert.Equal(Items, items.Length);
                Assert.Equal(Items, items.Distinct().Count());
                Assert.Equal(0, report.GetProperty("summary").GetProperty("duplicatesRemoved").GetInt32());

                services.Add(await StartAsync(settings));
            }
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static bool Hosts(ServiceProcess service, string silo) => silo.Contains($":{service.SiloPort}:", StringComparison.Ordinal);

    private static async Task<ServiceProcess> StartAsync(Dictionary<string, string> settings)
    {
        var service = ServiceProcess.Start(settings);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return service;
    }
}
