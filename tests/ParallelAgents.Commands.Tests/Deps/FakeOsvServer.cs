using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ParallelAgents.Commands.Tests.Deps;

/// <summary>
/// A local HTTP server on 127.0.0.1 speaking the OSV API shape (querybatch, vulns/{id}) over the fixture records,
/// with scripted faults: the first N calls of a path answer a status or hang.
/// </summary>
internal sealed class FakeOsvServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, JsonObject> _records;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeOsvServer(string osvDirectory)
    {
        _records = Directory.EnumerateFiles(osvDirectory, "*.json")
            .Select(f => { try { return JsonNode.Parse(File.ReadAllText(f)) as JsonObject; } catch (System.Text.Json.JsonException) { return null; } })
            .OfType<JsonObject>()
            .ToDictionary(r => r["id"]!.GetValue<string>());
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePorts.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Faults per path prefix: each entry is consumed by one request (a status code, or 0 to hang).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<int>> Faults { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public int LargestBatch { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        Log.Enqueue($"{context.Request.HttpMethod} {path}");
        try
        {
            var fault = Faults.FirstOrDefault(f => path.StartsWith(f.Key, StringComparison.Ordinal));
            if (fault.Value is not null && fault.Value.TryDequeue(out var status))
            {
                if (status == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token).ContinueWith(_ => { });
                    context.Response.Abort();
                    return;
                }

                context.Response.StatusCode = status;
                if (status == 429)
                {
                    context.Response.AddHeader("Retry-After", "0");
                }

                context.Response.Close();
                return;
            }

            if (path == "/v1/querybatch" && context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
                var queries = body["queries"]!.AsArray();
                LargestBatch = Math.Max(LargestBatch, queries.Count);
                var results = new JsonArray();
                foreach (var q in queries)
                {
                    var name = q!["package"]!["name"]!.GetValue<string>();
                    var ecosystem = q["package"]!["ecosystem"]!.GetValue<string>();
                    var version = q["version"]!.GetValue<string>();
                    var vulns = new JsonArray();
                    foreach (var (id, record) in _records)
                    {
                        var affects = record["affected"]!.AsArray().Any(a =>
                            a!["package"]!["name"]!.GetValue<string>().Equals(name, StringComparison.OrdinalIgnoreCase)
                            && a["package"]!["ecosystem"]!.GetValue<string>() == ecosystem
                            && (a["versions"]?.AsArray().Any(v => v!.GetValue<string>() == version) ?? false));
                        if (affects && record["withdrawn"] is null)
                        {
                            vulns.Add(new JsonObject { ["id"] = id, ["modified"] = record["modified"]!.GetValue<string>() });
                        }
                    }

                    results.Add(new JsonObject { ["vulns"] = vulns });
                }

                await WriteAsync(context, new JsonObject { ["results"] = results }.ToJsonString());
                return;
            }

            if (path.StartsWith("/v1/vulns/", StringComparison.Ordinal) && _records.TryGetValue(Uri.UnescapeDataString(path["/v1/vulns/".Length..]), out var found))
            {
                await WriteAsync(context, found.ToJsonString());
                return;
            }

            context.Response.StatusCode = 404;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
