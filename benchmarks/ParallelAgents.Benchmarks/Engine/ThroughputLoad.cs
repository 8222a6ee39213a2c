using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>
/// B3's load on a running service: concurrent 8-segment synthetic jobs, each submitted with POST /api/jobs and
/// followed on its SSE stream until <c>jobCompleted</c>. Shared by B3 and by the telemetry-overhead run, so both
/// measure jobs/s the same way.
/// </summary>
public sealed class ThroughputLoad : IDisposable
{
    private const string Body = """{"command":"synthetic","options":{"items":8,"maxInstances":8,"itemsPerInstance":1}}""";

    private readonly HttpClient _http;
    private long _submitted;
    private int _unfinished;
    private int _refused;
    private int _failed;

    /// <summary>A client of the service at <paramref name="baseAddress"/>.</summary>
    public ThroughputLoad(Uri baseAddress)
    {
        // The client is an untraced caller: it never sends trace context of its own (whatever listens in this process),
        // so the service alone decides which jobs are sampled.
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>
    /// Counts a submission answered with a server error other than 503 as failed instead of stopping the run, so a
    /// service that breaks under load is measured and reported (the durable scenarios).
    /// </summary>
    public bool CountFailures { get; init; }

    /// <summary>Jobs submitted so far (warm-up included), refused ones too.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>
    /// Full rounds of <paramref name="jobs"/> for <paramref name="duration"/>. A new process runs unoptimised code
    /// first and tiers it up under load; its throughput climbs for about 20 s, and the rounds after it measure the
    /// service as it runs.
    /// </summary>
    public async Task WarmUpAsync(int jobs, TimeSpan duration)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < duration)
        {
            await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => OneJobAsync()));
        }
    }

    /// <summary>One measured round: <paramref name="jobs"/> submitted at once, timed until the last completion event.</summary>
    public async Task<ThroughputRound> RoundAsync(int jobs)
    {
        Volatile.Write(ref _unfinished, 0);
        Volatile.Write(ref _refused, 0);
        Volatile.Write(ref _failed, 0);
        var sw = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => OneJobAsync()));
        return new ThroughputRound(jobs, sw.Elapsed.TotalSeconds, latencies, Volatile.Read(ref _unfinished), Volatile.Read(ref _refused)) { Failed = Volatile.Read(ref _failed) };
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<double> OneJobAsync()
    {
        var sw = Stopwatch.StartNew();
        Interlocked.Increment(ref _submitted);
        var response = await _http.PostAsync("/api/jobs", new StringContent(Body, Encoding.UTF8, "application/json"));
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            // A refusal under load is a figure of the run (counted and reported), not the benchmark's failure.
            Interlocked.Increment(ref _refused);
            return sw.Elapsed.TotalMilliseconds;
        }

        if (CountFailures && (int)response.StatusCode >= 500)
        {
            Interlocked.Increment(ref _failed);
            return sw.Elapsed.TotalMilliseconds;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var events = await _http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var completed = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: jobCompleted")
            {
                completed = true;
                break;
            }
        }

        if (!completed)
        {
            // A stream must end with the job's completion event; one that just closes is counted and reported.
            Interlocked.Increment(ref _unfinished);
        }

        return sw.Elapsed.TotalMilliseconds;
    }
}

/// <summary>One measured round of <see cref="ThroughputLoad"/>.</summary>
public sealed record ThroughputRound(int Jobs, double WallSeconds, double[] Latencies, int Unfinished, int Refused)
{
    /// <summary>Submissions answered with a server error other than 503 (counted only with <see cref="ThroughputLoad.CountFailures"/>).</summary>
    public int Failed { get; init; }

    /// <summary>Jobs per second over the round's wall time.</summary>
    public double JobsPerSecond => Jobs / WallSeconds;
}
