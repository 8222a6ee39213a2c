using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Api.Tests;

/// <summary>
/// The exporters the standard settings turn on really send: OTLP over HTTP to a collector, and Azure Monitor to the
/// ingestion endpoint of its connection string — each received here by a small HTTP server standing in for the far end.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Otlp_receives_the_jobs_spans_when_its_endpoint_is_set()
    {
        await using var sink = await Sink.StartAsync();
        using var service = TelemetryService.Otlp(sink);

        await RunJobAsync(service);

        // Spans leave in batches as they end: each kind is waited for.
        var traces = await sink.WaitForAsync("/v1/traces", "parallelagents.job.submit");
        await sink.WaitForAsync("/v1/traces", "parallelagents.segment.run");
        await sink.WaitForAsync("/v1/traces", "parallelagents.job.report");
        Assert.Contains("parallel-agents", traces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_whose_exporter_is_none_is_not_sent()
    {
        await using var sink = await Sink.StartAsync();
        using (var service = TelemetryService.Otlp(sink, ("OTEL_METRICS_EXPORTER", "none"), ("OTEL_LOGS_EXPORTER", "none")))
        {
            await RunJobAsync(service);
            await sink.WaitForAsync("/v1/traces", "parallelagents.job.report");
        }

        // Stopping the service flushed what its providers held: metrics and the job's log lines would have left then.
        Assert.Equal(["/v1/traces"], sink.Paths);
    }

    [Fact]
    public void An_exporter_the_service_does_not_have_stops_the_start_naming_its_variable()
    {
        using var service = new TelemetryService(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["OTEL_LOGS_EXPORTER"] = "zipkin",
        });

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());
        Assert.Contains("OTEL_LOGS_EXPORTER=zipkin", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outgoing_request_is_recorded_inside_a_trace_and_never_as_a_trace_of_its_own()
    {
        await using var sink = await Sink.StartAsync();
        using var service = TelemetryService.Otlp(sink);
        using var client = service.CreateClient();

        // The service's HttpClient instrumentation listens process-wide: these calls are the storage SDK's, seen from
        // the service. One under a span of the service's source, one with no span around it.
        using var http = new HttpClient();
        using (JobTelemetry.Source.StartActivity("test.parent"))
        {
            (await http.PostAsync(sink.Address + "/probe/inside", null)).EnsureSuccessStatusCode();
        }

        (await http.PostAsync(sink.Address + "/probe/outside", null)).EnsureSuccessStatusCode();
        // A client span carries the full URL (the sink's own server spans, which the service's ASP.NET Core
        // instrumentation also records, carry the path alone).
        await sink.WaitForAsync("/v1/traces", sink.Address + "/probe/inside");
        await Task.Delay(1000);
        var traces = await sink.WaitForAsync("/v1/traces", sink.Address + "/probe/inside");
        Assert.DoesNotContain(sink.Address + "/probe/outside", traces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_follows_the_sampling_decision_of_the_request_that_submitted_it()
    {
        await using var sink = await Sink.StartAsync();
        using var service = TelemetryService.Otlp(sink);

        // A caller that chose not to record its trace: the job joins it, so none of the job's spans are kept, on any
        // silo, even though the service would sample every trace it starts itself.
        var dropped = await RunJobAsync(service, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");

        // A caller that records: the job's spans are in the caller's trace.
        var kept = await RunJobAsync(service, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var traces = await sink.WaitForAsync("/v1/traces", kept);
        await sink.WaitForAsync("/v1/traces", "parallelagents.job.report");
        Assert.Contains(TraceIdBytes("4bf92f3577b34da6a3ce929d0e0e4736"), traces, StringComparison.Ordinal);
        Assert.DoesNotContain(dropped, traces, StringComparison.Ordinal);
        Assert.DoesNotContain(TraceIdBytes("0af7651916cd43dd8448eb211c80319c"), traces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orleans_spans_are_recorded_only_when_asked_for()
    {
        await using var sink = await Sink.StartAsync();
        using var service = TelemetryService.Otlp(sink);

        await RunJobAsync(service);
        var traces = await sink.WaitForAsync("/v1/traces", "parallelagents.job.report");
        Assert.DoesNotContain("Microsoft.Orleans.Application", traces, StringComparison.Ordinal);

        await using var sink2 = await Sink.StartAsync();
        using var withOrleans = TelemetryService.Otlp(sink2, ("Telemetry:Tracing:IncludeOrleans", "true"));
        await RunJobAsync(withOrleans);
        await sink2.WaitForAsync("/v1/traces", "Microsoft.Orleans.Application");
    }

    [Fact]
    public async Task Azure_monitor_receives_the_jobs_spans_when_a_connection_string_is_set()
    {
        await using var sink = await Sink.StartAsync();
        using var service = new TelemetryService(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={sink.Address}/;LiveEndpoint={sink.Address}/",
            ["Telemetry:Tracing:SamplingRatio"] = "1",
        });

        await RunJobAsync(service);

        var track = await sink.WaitForAsync("/v2.1/track", "parallelagents.job.submit");
        Assert.Contains("00000000-0000-0000-0000-000000000001", track, StringComparison.Ordinal);
    }

    /// <summary>The trace id as it travels in OTLP's protobuf: sixteen raw bytes, here one character each.</summary>
    private static string TraceIdBytes(string hex) => Encoding.Latin1.GetString(Convert.FromHexString(hex));

    private static async Task<string> RunJobAsync(TelemetryService service, string? traceParent = null)
    {
        using var client = service.CreateClient();
        if (traceParent is not null)
        {
            client.DefaultRequestHeaders.Add("traceparent", traceParent);
        }

        var submitted = await client.PostAsJsonAsync("/api/jobs", new { command = "synthetic", options = new { items = 4, maxInstances = 2 } });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (job.GetProperty("status").GetString() is "completed")
            {
                return id!;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Job {id} did not complete.");
        return id!;
    }

    private sealed class TelemetryService : InMemoryServiceFactory<Program>
    {
        /// <summary>A service exporting over OTLP/http to <paramref name="sink"/>, every trace kept, spans sent every 200 ms.</summary>
        public static TelemetryService Otlp(Sink sink, params (string Key, string? Value)[] more)
        {
            var settings = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["Telemetry:Tracing:SamplingRatio"] = "1",
            };
            foreach (var (key, value) in more)
            {
                settings[key] = value;
            }

            return new TelemetryService(settings);
        }

        public TelemetryService(Dictionary<string, string?> settings)
            : base("telemetry")
        {
            foreach (var (key, value) in settings)
            {
                Settings[key] = value;
            }
        }
    }

    /// <summary>Answers 200 to every POST and keeps each body, decompressed, as text (Latin-1, one character per byte, so binary ids can be looked for too).</summary>
    private sealed class Sink : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        private Sink(WebApplication app) => _app = app;

        public string Address { get; private set; } = "";

        /// <summary>The paths posted to so far, each once.</summary>
        public string[] Paths => [.. _received.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal)];

        public static async Task<Sink> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var sink = new Sink(app);
            app.MapPost("/{**path}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                var input = http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
                    ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
                    : http.Request.Body;
                await input.CopyToAsync(body);
                sink._received.Enqueue((http.Request.Path, Encoding.Latin1.GetString(body.ToArray())));
                return Results.Ok(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
            });
            await app.StartAsync();
            sink.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return sink;
        }

        public async Task<string> WaitForAsync(string path, string text)
        {
            for (var i = 0; i < 600; i++)
            {
                var bodies = string.Join("\n", _received.Where(r => r.Path.StartsWith(path, StringComparison.Ordinal)).Select(r => r.Body));
                if (bodies.Contains(text, StringComparison.Ordinal))
                {
                    return bodies;
                }

                await Task.Delay(100);
            }

            Assert.Fail($"Nothing containing '{text}' was posted to {path}; received: {string.Join(", ", _received.Select(r => r.Path).Distinct())}; first bodies: {string.Join("\n---\n", _received.Where(r => r.Path.StartsWith(path, StringComparison.Ordinal)).Take(3).Select(r => r.Body.Length > 1500 ? r.Body[..1500] : r.Body))}");
            return "";
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
