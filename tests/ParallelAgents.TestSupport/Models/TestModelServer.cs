using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.TestSupport.Models;

/// <summary>
/// A language-model server on a free loopback port speaking the OpenAI Chat Completions wire format (plain and SSE
/// streaming with the final usage chunk) and the Anthropic Messages format, answering from a script and counting
/// what it receives: calls, the most calls in flight at once, bodies and credentials.
/// </summary>
public sealed class TestModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ModelServerRequest> _requests = new();
    private int _number;
    private int _inFlight;
    private int _maxInFlight;
    private int _aborted;

    private TestModelServer(WebApplication app) => _app = app;

    /// <summary>Answers each request; by default one finding on line 1 of the first file sent.</summary>
    public Func<ModelServerRequest, ModelServerReply> Script { get; set; } = DefaultReply;

    /// <summary>Base address of the OpenAI-compatible API (ends in /v1).</summary>
    public string OpenAIEndpoint { get; private set; } = "";

    /// <summary>Base address of the Anthropic API.</summary>
    public string AnthropicEndpoint { get; private set; } = "";

    /// <summary>Requests received, in order.</summary>
    public IReadOnlyList<ModelServerRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>Requests received.</summary>
    public int Calls => Volatile.Read(ref _number);

    /// <summary>Requests being answered now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests whose client closed the connection before the answer was sent.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts a server.</summary>
    public static async Task<TestModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestModelServer(app);
        app.MapPost("/v1/chat/completions", server.ChatCompletionsAsync);
        app.MapPost("/openai/v1/chat/completions", server.ChatCompletionsAsync);
        app.MapPost("/v1/messages", server.MessagesAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.OpenAIEndpoint = address + "/v1";
        server.AnthropicEndpoint = address;
        return server;
    }

    /// <summary>Forgets what was received.</summary>
    public void Reset()
    {
        _requests.Clear();
        Volatile.Write(ref _number, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The default answer: a finding on line 1 of the first file in the request.</summary>
    public static ModelServerReply DefaultReply(ModelServerRequest request) => new(FindingsFor(request));

    /// <summary>Findings JSON with one finding on line 1 of the first file named in the request.</summary>
    public static string FindingsFor(ModelServerRequest request, int line = 1)
    {
        var text = request.AllText;
        var at = text.IndexOf("<file path=\"", StringComparison.Ordinal);
        var path = at < 0 ? "missing.txt" : text[(at + 12)..text.IndexOf('"', at + 12)];
        return JsonSerializer.Serialize(new
        {
            findings = new[] { new { file = path, line, severity = "high", ruleId = "test-rule", title = "Test finding", message = $"Something in {path}.", suggestedFix = "Fix it." } },
        });
    }

    private async Task ChatCompletionsAsync(HttpContext http)
    {
        var (request, reply) = await BeginAsync(http);
        try
        {
            if (reply.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, http.RequestAborted);
                }
                catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _aborted);
                    return;
                }
            }

            if (reply.Status != 200)
            {
                await ErrorAsync(http, reply, new { error = new { message = "scripted failure", type = reply.Status == 429 ? "rate_limit_exceeded" : "server_error", code = (string?)null } });
                return;
            }

            var model = (string?)request.Body["model"] ?? "test-model";
            var usage = new { prompt_tokens = reply.PromptTokens, completion_tokens = reply.CompletionTokens, total_tokens = reply.PromptTokens + reply.CompletionTokens };
            if ((bool?)request.Body["stream"] == true)
            {
                http.Response.ContentType = "text/event-stream";
                var content = reply.Content ?? "";
                var half = content.Length / 2;
                foreach (var part in new[] { content[..half], content[half..] })
                {
                    await SseAsync(http, new { id = "chatcmpl-test", @object = "chat.completion.chunk", created = 1_700_000_000, model, system_fingerprint = "fp_test", choices = new[] { new { index = 0, delta = new { role = "assistant", content = part }, finish_reason = (string?)null } } });
                }

                await SseAsync(http, new { id = "chatcmpl-test", @object = "chat.completion.chunk", created = 1_700_000_000, model, system_fingerprint = "fp_test", choices = new[] { new { index = 0, delta = new { }, finish_reason = reply.FinishReason } } });
                await SseAsync(http, new { id = "chatcmpl-test", @object = "chat.completion.chunk", created = 1_700_000_000, model, system_fingerprint = "fp_test", choices = Array.Empty<object>(), usage });
                await http.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }

            await http.Response.WriteAsJsonAsync(new
            {
                id = $"chatcmpl-{request.Number}",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                system_fingerprint = "fp_test",
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new
                        {
                            role = "assistant",
                            content = reply.Refusal is null ? reply.Content : null,
                            refusal = reply.Refusal,
                            tool_calls = reply.ToolCalls?.Select((c, i) => new { id = $"call_{request.Number}_{i}", type = "function", function = new { name = c.Name, arguments = JsonSerializer.Serialize(c.Arguments) } }).ToArray(),
                        },
                        finish_reason = reply.ToolCalls is { Count: > 0 } ? "tool_calls" : reply.FinishReason,
                        logprobs = (object?)null,
                    },
                },
                usage,
            });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task MessagesAsync(HttpContext http)
    {
        var (request, reply) = await BeginAsync(http);
        try
        {
            if (reply.Delay is { } delay)
            {
                await Task.Delay(delay, http.RequestAborted);
            }

            if (reply.Status != 200)
            {
                await ErrorAsync(http, reply, new { type = "error", error = new { type = reply.Status == 429 ? "rate_limit_error" : "api_error", message = "scripted failure" } });
                return;
            }

            await http.Response.WriteAsJsonAsync(new
            {
                id = $"msg_{request.Number}",
                type = "message",
                role = "assistant",
                model = (string?)request.Body["model"] ?? "claude-test",
                content = new[] { new { type = "text", text = reply.Content ?? "" } },
                stop_reason = reply.FinishReason == "length" ? "max_tokens" : "end_turn",
                stop_sequence = (string?)null,
                usage = new { input_tokens = reply.PromptTokens, output_tokens = reply.CompletionTokens },
            });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<(ModelServerRequest Request, ModelServerReply Reply)> BeginAsync(HttpContext http)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var auth = $"{http.Request.Headers.Authorization} {http.Request.Headers["x-api-key"]} {http.Request.Headers["api-key"]}";
        var request = new ModelServerRequest(Interlocked.Increment(ref _number), http.Request.Path, body, auth);
        _requests.Enqueue(request);
        return (request, Script(request));
    }

    private static async Task ErrorAsync(HttpContext http, ModelServerReply reply, object body)
    {
        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        await http.Response.WriteAsJsonAsync(body);
    }

    private static async Task SseAsync(HttpContext http, object chunk)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
        await http.Response.Body.FlushAsync();
    }
}
