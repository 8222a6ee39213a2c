using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace ParallelAgents.Api.Tests;

/// <summary>
/// A live stream whose reads of the job meet the faults a lost silo produces (here injected on the API's calls) still
/// ends with jobCompleted: the stream takes what it missed from the job once the cluster answers again.
/// </summary>
public sealed class SseClusterFaultTests
{
    [Fact]
    public async Task A_stream_whose_reads_of_the_job_fail_with_a_lost_silo_still_ends_with_jobCompleted()
    {
        var faults = new FailingEventReads(failures: 6);
        using var factory = new ApiFactory();
        using var faulty = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IOutgoingGrainCallFilter>(faults)));
        var client = faulty.CreateClient();
        var response = await client.PostAsync("/api/jobs", JobsApiTests.Json("""{"command":"synthetic","options":{"items":16,"latencyMs":2000,"maxInstances":2}}"""));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await using var live = SseConnection.Open(client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(120));
        Assert.True(await live.WaitForAsync(e => e.Type == "snapshot", TimeSpan.FromSeconds(60)));

        // From here on the stream's reads of the job's events fail, more times in a row than one read is retried; the
        // job runs long enough (two segments of eight 2-s items) for the stream to meet all of them before its end.
        faults.Arm();
        Assert.True(await live.WaitForAsync(e => e.Type == "jobCompleted", TimeSpan.FromSeconds(90)), string.Join(", ", live.Events.Select(e => e.Type)));
        Assert.Equal(0, faults.Remaining);
        var ids = live.Events.Where(e => e.Id is not null).Select(e => e.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    /// <summary>Fails the next <c>failures</c> calls of ICommandGrain.GetEventsAsync once armed, as a silo being declared dead does.</summary>
    private sealed class FailingEventReads(int failures) : IOutgoingGrainCallFilter
    {
        private int _remaining;
        private int _armed;

        public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

        public void Arm()
        {
            Volatile.Write(ref _remaining, failures);
            Volatile.Write(ref _armed, 1);
        }

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (Volatile.Read(ref _armed) == 1 && context.InterfaceMethod?.Name == "GetEventsAsync" && Interlocked.Decrement(ref _remaining) >= 0)
            {
                throw new SiloUnavailableException("The target silo became unavailable (injected by the test).");
            }

            return context.Invoke();
        }
    }
}
