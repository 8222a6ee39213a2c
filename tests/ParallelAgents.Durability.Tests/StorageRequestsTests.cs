using System.Globalization;
using System.Text.RegularExpressions;

namespace ParallelAgents.Durability.Tests;

/// <summary>Every request the durable mode sends to storage is counted, by service and operation, on the service's meter.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class StorageRequestsTests(Azurite azurite)
{
    private const int Segments = 4;

    [Fact]
    public async Task A_durable_jobs_storage_requests_are_counted_by_service_and_operation_on_the_metrics_endpoint()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "counted-" + Guid.NewGuid().ToString("N")[..12]);
        settings["Telemetry__Prometheus__Enabled"] = "true";
        await using var service = ServiceProcess.Start(settings);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));

        // Start-up itself talks to storage (clustering's table, the containers), so the counter is there before any job.
        var before = await WaitForCountsAsync(service, c => c.Keys.Any(k => k.Service == "table"));
        var id = await service.SubmitAsync($$$"""{"command":"synthetic","options":{"items":{{{Segments}}},"maxInstances":{{{Segments}}},"itemsPerInstance":1}}""");
        var done = await service.WaitForJobAsync(id, ServiceProcess.IsTerminal, TimeSpan.FromSeconds(90));
        Assert.Equal("completed", done.GetProperty("status").GetString());

        // Each segment's ledger, the job's state and its report are blobs written for this job: at least one upload each.
        var after = await WaitForCountsAsync(service, c => Count(c, "blob", "PUT blob") - Count(before, "blob", "PUT blob") >= Segments + 2);
        Assert.True(Count(after, "blob", "GET blob") > Count(before, "blob", "GET blob"), "activations read their state: " + Describe(after));
        Assert.True(after.Keys.All(k => k.Service is "blob" or "queue" or "table"), Describe(after));
        Assert.DoesNotContain(after.Keys, k => k.Operation.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_sends_nothing_to_queues_and_a_first_attempt_reads_no_ledger()
    {
        var settings = ServiceProcess.DurableSettings(azurite.ConnectionString, "cut-" + Guid.NewGuid().ToString("N")[..12]);
        settings["Telemetry__Prometheus__Enabled"] = "true";
        await using var service = ServiceProcess.Start(settings);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
        var job = $$$"""{"command":"synthetic","options":{"items":{{{Segments}}},"maxInstances":{{{Segments}}},"itemsPerInstance":1}}""";

        // The first job activates the job list's grains, which read their own state once.
        await service.WaitForJobAsync(await service.SubmitAsync(job), ServiceProcess.IsTerminal, TimeSpan.FromSeconds(90));
        var before = await WaitForCountsAsync(service, c => Count(c, "blob", "PUT blob") >= Segments + 2);
        var id = await service.SubmitAsync(job);
        var events = await service.Http.GetStringAsync($"/api/jobs/{id}/events");
        Assert.Contains("event: jobCompleted", events, StringComparison.Ordinal);
        Assert.Contains("event: segmentCompleted", events, StringComparison.Ordinal);
        var after = await WaitForCountsAsync(service, c => Count(c, "blob", "PUT blob") - Count(before, "blob", "PUT blob") >= Segments + 2);

        Assert.True(after.Where(c => c.Key.Service == "queue").Sum(c => c.Value) == before.Where(c => c.Key.Service == "queue").Sum(c => c.Value), "progress went to queues: " + Describe(after));

        // The job's own state is read once on activation (a new job finds nothing); its segments' ledgers and its
        // report are not read at all.
        Assert.True(Count(after, "blob", "GET blob") - Count(before, "blob", "GET blob") < Segments, "blob reads: " + Describe(after));
    }

    private static long Count(Dictionary<(string Service, string Operation), long> counts, string service, string operation) =>
        counts.GetValueOrDefault((service, operation));

    private static string Describe(Dictionary<(string Service, string Operation), long> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Key.Service} {c.Key.Operation}: {c.Value}"));

    // The Prometheus exporter answers from a short cache, so the counts are read until they show what is expected.
    private static async Task<Dictionary<(string Service, string Operation), long>> WaitForCountsAsync(
        ServiceProcess service, Func<Dictionary<(string Service, string Operation), long>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Dictionary<(string, string), long> counts = [];
        while (DateTime.UtcNow < deadline)
        {
            counts = Parse(await service.Http.GetStringAsync("/metrics"));
            if (until(counts))
            {
                return counts;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The storage request counts did not show the job: " + Describe(counts));
    }

    private static Dictionary<(string Service, string Operation), long> Parse(string exposition)
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (Match m in CounterLine().Matches(exposition))
        {
            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["k"].Value, l => l.Groups["v"].Value);
            counts[(labels["parallelagents_storage_service"], labels["parallelagents_storage_operation"])] =
                long.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return counts;
    }

    [GeneratedRegex(@"^parallelagents_storage_requests_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex CounterLine();

    [GeneratedRegex("(?<k>[a-z_]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Label();
}
