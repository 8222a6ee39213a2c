using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using static ParallelAgents.Api.Tests.Security.ApiCalls;

namespace ParallelAgents.Api.Tests.Security;

public sealed class FuzzTests(FuzzApiFactory factory, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    private const int Requests = 10_000;
    private const int Workers = 8;
    private const int Seed = 20_261_128;

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_and_the_service_stays_healthy()
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        var jobIds = new List<string>();
        var workspaceIds = new List<string>();
        var started = DateTime.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var fuzzer = new RequestFuzzer(new Random(Seed + worker), SecureApiFactory.Identities);
            var client = factory.CreateClient();
            while (Interlocked.Increment(ref sent) <= Requests)
            {
                SyncIds(fuzzer, jobIds, workspaceIds);
                using var request = fuzzer.Next();
                var description = $"{request.Method} {request.RequestUri}";
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status >= 500)
                    {
                        failures.Enqueue($"{status} for {description}: {await ReadSomeAsync(response)}");
                    }
                    else if (status is 202 or 201 && response.Content.Headers.ContentType?.MediaType == "application/json")
                    {
                        Remember(await response.Content.ReadAsStringAsync(), jobIds, workspaceIds);
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue($"{e.GetType().Name} for {description}: {e.Message}");
                }
            }
        })));

        var tried = statuses.Values.Sum() + failures.Count(f => !f.StartsWith('5'));
        output.WriteLine($"Tried {tried} requests in {(DateTime.UtcNow - started).TotalSeconds:F1} s (seed {Seed}, {Workers} workers); {jobIds.Count} jobs accepted, {workspaceIds.Count} uploads stored.");
        output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var failure in failures.Take(20))
        {
            output.WriteLine(failure);
        }

        Assert.True(tried >= Requests, $"only {tried} requests were tried");
        Assert.Empty(failures);
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);

        var client = factory.ClientFor("fuzzer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        string? id = null;
        for (var i = 0; i < 100 && id is null; i++)
        {
            var response = await client.PostAsync("/api/jobs", JsonBody("""{"command":"synthetic","options":{"items":6,"maxInstances":2}}"""));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                await Task.Delay(200);
            }
        }

        Assert.NotNull(id);
        var report = await WaitForReportAsync(client, id!);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(6, report.GetProperty("findings").GetArrayLength());
    }

    private static void SyncIds(RequestFuzzer fuzzer, List<string> jobIds, List<string> workspaceIds)
    {
        lock (jobIds)
        {
            if (fuzzer.JobIds.Count < jobIds.Count)
            {
                lock (fuzzer.JobIds)
                {
                    fuzzer.JobIds.AddRange(jobIds.Skip(fuzzer.JobIds.Count));
                }
            }
        }

        lock (workspaceIds)
        {
            if (fuzzer.WorkspaceIds.Count < workspaceIds.Count)
            {
                lock (fuzzer.WorkspaceIds)
                {
                    fuzzer.WorkspaceIds.AddRange(workspaceIds.Skip(fuzzer.WorkspaceIds.Count));
                }
            }
        }
    }

    private static void Remember(string body, List<string> jobIds, List<string> workspaceIds)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            if (root.TryGetProperty("id", out var id))
            {
                lock (jobIds)
                {
                    jobIds.Add(id.GetString()!);
                }
            }
            else if (root.TryGetProperty("workspaceId", out var workspace))
            {
                lock (workspaceIds)
                {
                    workspaceIds.Add(workspace.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 500 ? text[..500] : text;
    }
}
