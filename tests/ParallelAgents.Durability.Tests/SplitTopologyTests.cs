using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

/// <summary>
/// The front end (Orleans:Role=Client) and the silos (Orleans:Role=Silo) as separate processes on one Azurite: a
/// silo's death does not stop the job or the live stream the front end serves, a front end's death does not touch the
/// job, and with no silo left the front end answers 503 with Retry-After rather than hanging.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SplitTopologyTests(Azurite azurite)
{
    private const int Items = 36;
    private const string Job = """{"command":"synthetic","options":{"items":36,"latencyMs":4000,"maxInstances":6,"itemsPerInstance":1}}""";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan JobEnd = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_job_through_the_front_end_runs_on_both_silos_and_survives_the_loss_of_one_with_its_live_stream()
    {
        var settings = Settings("split-silo");
        await using var cluster = new Processes();
        var silos = new List<ServiceProcess> { await cluster.StartAsync(Silo(settings)), await cluster.StartAsync(Silo(settings)) };
        var front = await cluster.StartAsync(Client(settings));

        // A silo serves its probes and no API.
        using (var api = await silos[0].Http.GetAsync("/api/commands"))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }

        var id = await front.SubmitAsync(Job);
        await using var live = SseConnection.Open(front.Http, $"/api/jobs/{id}/events", JobEnd);
        var running = await front.WaitForJobAsync(
            id,
            s => s.GetProperty("progress").GetProperty("itemsDone").GetInt32() >= 6
                && s.GetProperty("instances").EnumerateArray().All(i => i.TryGetProperty("silo", out var silo) && silo.ValueKind == JsonValueKind.String),
            JobEnd);
        var segmentSilos = running.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("silo").GetString()!).ToArray();
        foreach (var silo in silos)
        {
            Assert.True(segmentSilos.Any(s => Hosts(silo, s)), $"no segment on the silo at port {silo.SiloPort}: {running}");
        }

        // A silo that holds segments but not the coordinator, so the job's own activation stays and the stream goes on.
        var coordinator = running.GetProperty("coordinator").GetString()!;
        var victim = silos.FirstOrDefault(s => !Hosts(s, coordinator)) ?? silos[1];
        victim.Kill();

        var done = await front.WaitForJobAsync(id, ServiceProcess.IsTerminal, JobEnd);
        var report = await front.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
        Assert.True(done.GetProperty("status").GetString() == "completed", $"{done} {report}");
        AssertEveryItemOnce(report);
        Assert.True(await live.WaitForAsync(e => e.Type == "jobCompleted", JobEnd), string.Join(", ", live.Events.Select(e => e.Type)));
    }

    [Fact]
    public async Task A_new_front_end_serves_a_job_the_old_one_started_and_replays_what_its_stream_missed()
    {
        var settings = Settings("split-front");
        await using var cluster = new Processes();
        await cluster.StartAsync(Silo(settings));
        await cluster.StartAsync(Silo(settings));
        var first = await cluster.StartAsync(Client(settings));

        // Long items, so the front end is killed while every segment is still on its first item.
        var id = await first.SubmitAsync("""{"command":"synthetic","options":{"items":12,"latencyMs":15000,"maxInstances":4,"itemsPerInstance":1}}""");
        string lastSeen;
        await using (var live = SseConnection.Open(first.Http, $"/api/jobs/{id}/events", JobEnd))
        {
            Assert.True(await live.WaitForAsync(e => e.Type == "segmentStarted", JobEnd), string.Join(", ", live.Events.Select(e => e.Type)));
            first.Kill();
            lastSeen = live.Events.Last(e => e.Id is not null).Id!;
            Assert.DoesNotContain(live.Events, e => e.Type == "jobCompleted");
        }

        var second = await cluster.StartAsync(Client(settings));
        await using var resumed = SseConnection.Open(second.Http, $"/api/jobs/{id}/events", JobEnd, lastEventId: lastSeen);
        var snapshot = await second.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal(id, snapshot.GetProperty("id").GetString());

        var done = await second.WaitForJobAsync(id, ServiceProcess.IsTerminal, JobEnd);
        var report = await second.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/report");
        Assert.True(done.GetProperty("status").GetString() == "completed", $"{done} {report}");
        Assert.Equal(12, report.GetProperty("findings").GetArrayLength());

        // Never interrupted: every instance finished on its first dispatch.
        Assert.All(done.GetProperty("instances").EnumerateArray(), i => Assert.Equal(1, i.GetProperty("attempt").GetInt32()));

        Assert.True(await resumed.WaitForAsync(e => e.Type == "jobCompleted", JobEnd), string.Join(", ", resumed.Events.Select(e => e.Type)));
        var replayed = resumed.Events.Where(e => e.Id is not null && e.Type != "jobCompleted").Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(replayed.Length > 0, $"after {lastSeen}: " + string.Join(", ", resumed.Events.Select(e => $"{e.Type}#{e.Id}")));
        Assert.Equal(long.Parse(lastSeen, System.Globalization.CultureInfo.InvariantCulture) + 1, replayed[0]);
        Assert.Equal(replayed.Length, replayed.Distinct().Count());
    }

    [Fact]
    public async Task With_every_silo_down_the_front_end_answers_503_with_Retry_After()
    {
        var settings = Settings("split-down");
        await using var cluster = new Processes();
        var silo = await cluster.StartAsync(Silo(settings));
        var front = await cluster.StartAsync(Client(settings));
        var id = await front.SubmitAsync("""{"command":"synthetic","options":{"items":4}}""");
        await front.WaitForJobAsync(id, ServiceProcess.IsTerminal, JobEnd);

        silo.Kill();

        // The service process's client gives up after 30 s: a hang fails the test; the budget is 15 s.
        foreach (var path in new[] { $"/api/jobs/{id}", "/api/jobs", $"/api/jobs/{id}/report" })
        {
            using var response = await front.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var ready = await front.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var liveness = await front.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
    }

    private static void AssertEveryItemOnce(JsonElement report)
    {
        var items = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("itemId").GetString()).ToArray();
        Assert.Equal(Items, items.Length);
        Assert.Equal(Items, items.Distinct().Count());
        Assert.Equal(0, report.GetProperty("summary").GetProperty("duplicatesRemoved").GetInt32());
    }

    private Dictionary<string, string> Settings(string name) =>
        ServiceProcess.DurableSettings(azurite.ConnectionString, name + "-" + Guid.NewGuid().ToString("N")[..12]);

    private static Dictionary<string, string> Silo(Dictionary<string, string> settings) =>
        new(settings) { ["Orleans__Role"] = "Silo" };

    private static Dictionary<string, string> Client(Dictionary<string, string> settings) => new(settings)
    {
        ["Orleans__Role"] = "Client",
        ["Orleans__Client__GatewayListRefreshPeriod"] = "00:00:01",
        ["Orleans__Client__ResponseTimeout"] = "00:00:10",
        ["Orleans__Client__UnavailableTimeout"] = "00:00:15",
        ["Orleans__Client__RetryAfterSeconds"] = "7",
    };

    private static bool Hosts(ServiceProcess service, string silo) => silo.Contains($":{service.SiloPort}:", StringComparison.Ordinal);

    /// <summary>The processes of one test, all ended at its end.</summary>
    private sealed class Processes : IAsyncDisposable
    {
        private readonly List<ServiceProcess> _started = [];

        public async Task<ServiceProcess> StartAsync(Dictionary<string, string> settings)
        {
            var service = ServiceProcess.Start(settings);
            _started.Add(service);
            await service.WaitReadyAsync(Startup);
            return service;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in _started)
            {
                await service.DisposeAsync();
            }
        }
    }
}
