using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.Benchmarks.Models;

/// <summary>
/// A language-model server on a free loopback port speaking the OpenAI Chat Completions wire format (non-streamed
/// answers, as the agent command asks for them), for the model benchmarks. It answers every call after
/// <see cref="Delay"/> with one finding on line 1 of the first file in the request, and enforces its own
/// <see cref="RequestsPerMinute"/> as an exact sliding minute over the calls it accepted: a call that would be
/// the (N+1)th within 60 s is answered 429 with <c>Retry-After</c> and <c>retry-after-ms</c>, as providers do.
/// It counts accepted calls, 429s and the most calls in flight, and keeps every call's arrival time.
/// </summary>
/// <remarks>
/// The tests' TestModelServer lives in a test project, and the shared test-support library brings xunit and the
/// ASP.NET Core test host with it, so the benchmark runner has this small server of its own.
/// </remarks>
public sealed class BenchmarkModelServer : IAsyncDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<long> _window = new();
    private readonly List<long> _arrivals = [];
    private readonly List<long> _attempts = [];
    private readonly List<(long At, TimeSpan Early)> _rejections = [];
    private readonly List<JsonObject> _bodies = [];
    private int _inFlight;
    private int _maxInFlight;

    private BenchmarkModelServer(WebApplication app) => _app = app;

    /// <summary>How long every call waits before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The server's own cap over any 60 s; 0 = none.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Whether request bodies are kept (for replaying the same requests).</summary>
    public bool RecordBodies { get; set; }

    /// <summary>Base address of the OpenAI-compatible API (ends in /v1).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Calls accepted (answered 200).</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>Calls answered 429 because the server's own minute was full.</summary>
    public int TooManyRequests
    {
        get
        {
            lock (_gate)
            {
                return _rejections.Count;
            }
        }
    }

    /// <summary>The most calls being answered at once.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxInFlight);

    /// <summary>Arrival of each accepted call, in order, in <see cref="Stopwatch"/> ticks.</summary>
    public IReadOnlyList<long> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <summary>Arrival of every call, the ones answered 429 included, in order, in <see cref="Stopwatch"/> ticks.</summary>
    public IReadOnlyList<long> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Each 429: when the call arrived, and how much sooner than the window allowed.</summary>
    public IReadOnlyList<(long At, TimeSpan Early)> Rejections
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejections];
            }
        }
    }

    /// <summary>Bodies of the accepted calls, in order of arrival, when <see cref="RecordBodies"/> is on.</summary>
    public IReadOnlyList<JsonObject> Bodies
    {
        get
        {
            lock (_gate)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>Starts a server.</summary>
    public static async Task<BenchmarkModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new BenchmarkModelServer(app);
        app.MapPost("/v1/chat/completions", server.ChatCompletionsAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return server;
    }

    /// <summary>Forgets what was received (the sliding minute too).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _window.Clear();
            _arrivals.Clear();
            _attempts.Clear();
            _rejections.Clear();
            _bodies.Clear();
        }

        Volatile.Write(ref _maxInFlight, 0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ChatCompletionsAsync(HttpContext http)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
            {
            }

            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject ?? [];
            if (Admit(body) is { } wait)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers["retry-after-ms"] = Math.Ceiling(wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.Response.WriteAsJsonAsync(new
                {
                    error = new { message = $"Rate limit reached: {RequestsPerMinute} requests per minute.", type = "requests", param = (string?)null, code = "rate_limit_exceeded" },
                });
                return;
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, http.RequestAborted);
            }

            var model = (string?)body["model"] ?? "bench-model";
            await http.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-bench",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                system_fingerprint = "fp_bench",
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new { role = "assistant", content = Findings(body), refusal = (string?)null },
                        finish_reason = "stop",
                        logprobs = (object?)null,
                    },
                },
                usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
            });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    // Null when the call is accepted, else how long until the oldest call of the last minute leaves it. The arrival
    // is taken under the lock, once the body is read, so the window's times are in order.
    private TimeSpan? Admit(JsonObject body)
    {
        lock (_gate)
        {
            var arrived = Stopwatch.GetTimestamp();
            _attempts.Add(arrived);
            var limit = RequestsPerMinute;
            if (limit > 0)
            {
                while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), arrived) >= Window)
                {
                    _window.Dequeue();
                }

                if (_window.Count >= limit)
                {
                    var early = Window - Stopwatch.GetElapsedTime(_window.Peek(), arrived);
                    _rejections.Add((arrived, early));
                    return early;
                }

                _window.Enqueue(arrived);
            }

            _arrivals.Add(arrived);
            if (RecordBodies)
            {
                _bodies.Add(body);
            }

            return null;
        }
    }

    // One finding on line 1 of the first file the request names, in the JSON the agent command asks for.
    private static string Findings(JsonObject body)
    {
        var text = string.Join("\n", (body["messages"] as JsonArray ?? []).Select(m => m?["content"] switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonArray parts => string.Join("\n", parts.Select(p => (string?)p?["text"] ?? "")),
            _ => "",
        }));
        var at = text.IndexOf("<file path=\"", StringComparison.Ordinal);
        var path = at < 0 ? "missing.txt" : text[(at + 12)..text.IndexOf('"', at + 12)];
        return JsonSerializer.Serialize(new
        {
            findings = new[] { new { file = path, line = 1, severity = "low", ruleId = "bench-rule", title = "Benchmark finding", message = $"Something in {path}.", suggestedFix = "None needed." } },
        });
    }
}
