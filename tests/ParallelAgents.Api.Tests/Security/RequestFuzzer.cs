using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParallelAgents.Api.Tests.Security;

/// <summary>Generates and mutates requests for the API: odd methods, paths, ids, queries, headers and bodies.</summary>
public sealed class RequestFuzzer(Random random, IReadOnlyDictionary<string, (string Key, string[] Scopes)> identities)
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PURGE", "M-SEARCH", "CONNECT"];
    private static readonly string[] Commands = ["synthetic", "agent-audit", "deps-audit", "docs", "prime", "test", "SYNTHETIC", "", "nope", "../synthetic", "synthetic\u0000"];
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/zip", "application/gzip", "application/octet-stream",
        "multipart/form-data; boundary=fuzz", "multipart/form-data", "application/x-www-form-urlencoded", "a/b;;==", "application/json; charset=utf-16",
    ];

    private static readonly JsonNode?[] OddValues =
    [
        null, true, false, 0, -1, 1, 3, 0.5, 9.5, 2147483648L, long.MaxValue, ulong.MaxValue, 1e20, 1e308, -1e308, decimal.MaxValue, 100001,
        "", " ", "12", "NaN", "Infinity", "\u0000", "\ud83d\ude00", new string('x', 2000), "../../etc/passwd", "C:\\Windows",
    ];

    /// <summary>Job ids the service handed out, so some requests hit real jobs.</summary>
    public List<string> JobIds { get; } = [];

    /// <summary>Workspace ids from successful uploads.</summary>
    public List<string> WorkspaceIds { get; } = [];

    /// <summary>A new random request.</summary>
    public HttpRequestMessage Next()
    {
        var path = Path();
        var method = random.Next(4) > 0 ? LikelyMethod(path) : Pick(Methods);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        AddHeaders(request);
        if (method is not ("GET" or "HEAD") || random.Next(10) == 0)
        {
            request.Content = Body(path);
        }

        return request;
    }

    private static string LikelyMethod(string path) =>
        path.StartsWith("/api/workspaces", StringComparison.Ordinal) || path.EndsWith("/cancel", StringComparison.Ordinal) || path == "/api/jobs"
            ? "POST"
            : "GET";

    private string Path() => random.Next(20) switch
    {
        0 or 1 or 2 => "/api/jobs",
        19 => "/api/jobs" + Query(),
        3 or 4 => "/api/jobs/" + Id(),
        5 => "/api/jobs/" + Id() + "/events",
        6 or 7 => "/api/jobs/" + Id() + "/report" + Query(),
        8 => "/api/jobs/" + Id() + "/cancel",
        9 => "/api/commands" + Query(),
        10 or 11 => "/api/workspaces",
        12 => Pick(["/health/ready", "/health/live", "/openapi/v1.json", "/swagger/index.html", "/", "/index.html"]),
        13 => "/jobs/" + Id(),
        14 => "/api/jobs/" + Id() + "/" + Junk(20),
        15 => "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 8)).Select(_ => Junk(12))),
        16 => "/api/jobs/" + new string('a', random.Next(60, 5000)),
        17 => "/api//jobs///" + Id() + "/./report/..",
        _ => random.Next(2) == 0 ? "/api/jobs" + Query() : "/api/workspaces/" + Id(),
    };

    private string Id() => random.Next(6) switch
    {
        0 when JobIds.Count > 0 => PickLocked(JobIds),
        1 => Convert.ToHexStringLower(Bytes(16)),
        2 => Junk(random.Next(0, 80)),
        3 => Pick(["..", "%2e%2e", "%01", "%FF%FE", "%C0%AF", "con", "-", "_", "%2F", "null", "0"]),
        4 => Guid.NewGuid().ToString("N").ToUpperInvariant(),
        _ => Convert.ToHexStringLower(Bytes(32)),
    };

    private string Query()
    {
        if (random.Next(3) == 0)
        {
            return "";
        }

        var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            Pick(["status", "skip", "take", "format", "Status", "x", "status[]", ""]) + "=" +
            Pick(["completed", "Running", "running", "7", "-1", "0", "501", "99999999999999999999", "1e3", "json", "markdown", "sarif", "md", "pdf", "%00", "%FF", "", Junk(10)]));
        return "?" + string.Join('&', parts);
    }

    private string Junk(int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(5) switch
            {
                // %00 is left out of paths: Kestrel refuses it before the app, and the test server throws on it client-side.
                0 => "%" + random.Next(1, 256).ToString("X2", CultureInfo.InvariantCulture),
                1 => Uri.EscapeDataString(char.ConvertFromUtf32(random.Next(0x80, 0x2FFF))),
                _ => "abcXYZ019-_.~!$'()*+,;=:@"[random.Next(25)].ToString(),
            });
        }

        return builder.ToString();
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        var roll = random.Next(20);
        if (roll < 16)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", identities["fuzzer"].Key);
        }
        else if (roll == 16)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", Pick(["", " ", "wrong", new string('k', 10_000), identities["reader"].Key, identities["ops"].Key, "\u00ff\u00fe"]));
        }
        else if (roll == 17)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer x.y.z", "Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.", "ApiKey", "ApiKey " + identities["fuzzer"].Key, "Basic Zm9vOmJhcg==", "Negotiate abc", new string('B', 20_000)]));
        }
        else if (roll == 18)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + SecureApiFactory.Token(Junk(8), [Pick(["jobs.read", "jobs.submit", "admin", "x"])]));
        }

        if (random.Next(8) == 0)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", Pick(["0", "-1", "99999999999999999999999", "abc", "", "1.5"]));
        }

        for (var i = random.Next(3); i > 0; i--)
        {
            request.Headers.TryAddWithoutValidation("X-Fuzz-" + random.Next(1000), new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray()));
        }

        if (random.Next(10) == 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", Pick(["*/*", "text/event-stream", "application/xml", "garbage", ""]));
        }
    }

    private HttpContent Body(string path)
    {
        HttpContent content;
        var upload = path.StartsWith("/api/workspaces", StringComparison.Ordinal);
        var roll = random.Next(100);
        if (roll < 2)
        {
            content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"command\":\"synthetic\",\"x\":\"" + new string('y', FuzzApiFactory.MaxBody + random.Next(1, 100_000)) + "\"}"));
        }
        else if (upload && roll < 50)
        {
            content = ArchiveBody();
        }
        else if (roll < 45)
        {
            content = new StringContent(MutatedSubmission().ToJsonString(), Encoding.UTF8);
        }
        else if (roll < 65)
        {
            content = new StringContent(RandomJson(random.Next(1, 6))?.ToJsonString() ?? "null", Encoding.UTF8);
        }
        else if (roll < 70)
        {
            var depth = random.Next(60, 3000);
            content = new StringContent(random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        }
        else if (roll < 78)
        {
            // Invalid UTF-8 inside otherwise plausible JSON.
            var prefix = Encoding.UTF8.GetBytes("{\"command\":\"synth");
            content = new ByteArrayContent([.. prefix, 0xFF, 0xFE, 0xC0, 0x80, .. Encoding.UTF8.GetBytes("etic\",\"options\":{\"items\":1}}")]);
        }
        else if (roll < 86)
        {
            content = new ByteArrayContent(Bytes(random.Next(0, 4096)));
        }
        else if (roll < 90)
        {
            content = new ByteArrayContent([]);
        }
        else
        {
            content = new StringContent(Pick(["{", "}", "{\"command\":", "[1,2", "\"str", "nul", "{\"command\":\"synthetic\",\"command\":\"docs\"}", "{\"command\":\"synthetic\"}{}", "\ufeff{\"command\":\"synthetic\"}"]), Encoding.UTF8);
        }

        if (content.Headers.ContentType is null || random.Next(4) == 0)
        {
            content.Headers.Remove("Content-Type");
            var type = Pick(ContentTypes);
            if (random.Next(10) > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        else if (!upload)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return content;
    }

    private HttpContent ArchiveBody()
    {
        switch (random.Next(6))
        {
            case 0:
                {
                    var multipart = new MultipartFormDataContent("fuzz" + random.Next(1000));
                    multipart.Add(new ByteArrayContent(ApiCalls.Zip("f" + random.Next(5) + ".md", "# doc " + random.Next(5))), Pick(["file", "other", "x"]), "w.zip");
                    return multipart;
                }

            case 1:
                return ApiCalls.Upload(ApiCalls.Zip("README.md", "# fuzz " + random.Next(5)));
            case 2:
                {
                    var zip = ApiCalls.Zip("a/b/c.txt", new string('z', random.Next(1, 500)));
                    return ApiCalls.Upload(zip[..random.Next(1, zip.Length)]);
                }

            case 3:
                {
                    var zip = ApiCalls.Zip("x.txt", "x");
                    zip[random.Next(zip.Length)] ^= 0xFF;
                    return ApiCalls.Upload(zip);
                }

            case 4:
                {
                    var content = new ByteArrayContent([0x1F, 0x8B, 0x08, 0x00, .. Bytes(random.Next(0, 300))]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
                    return content;
                }

            default:
                {
                    var content = new StringContent("--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\n" + Junk(50));
                    content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=fuzz");
                    content.Headers.Remove("Content-Type");
                    content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + Pick(["fuzz", "", "\"\"", new string('b', 200)]));
                    return content;
                }
        }
    }

    private JsonObject MutatedSubmission()
    {
        var job = new JsonObject
        {
            ["command"] = "synthetic",
            ["options"] = new JsonObject { ["items"] = random.Next(0, 4), ["latencyMs"] = random.Next(0, 30), ["maxInstances"] = random.Next(1, 4) },
        };
        if (random.Next(4) == 0)
        {
            job["command"] = Pick(Commands);
            job["workspace"] = random.Next(3) switch
            {
                0 when WorkspaceIds.Count > 0 => new JsonObject { ["workspaceId"] = PickLocked(WorkspaceIds) },
                1 => new JsonObject { ["path"] = Pick([".", "/", "/etc", "..", "~", "\u0000", "C:\\", "a/../../b", new string('p', 5000)]) },
                _ => new JsonObject { ["workspaceId"] = Pick(["", "abc", Convert.ToHexStringLower(Bytes(32)), new string('0', 64), "../x"]) },
            };
        }

        for (var m = random.Next(0, 4); m > 0; m--)
        {
            var target = random.Next(3) == 0 ? job : (job["options"] as JsonObject ?? job);
            var names = target.Select(p => p.Key).ToArray();
            switch (random.Next(4))
            {
                case 0 when names.Length > 0:
                    target[Pick(names)] = Copy(Pick(OddValues));
                    break;
                case 1 when names.Length > 0:
                    target.Remove(Pick(names));
                    break;
                case 2:
                    target[Pick(["items", "latencyMs", "cpuMs", "failureRate", "seed", "jitter", "keys", "itemsPerInstance", "parallelThreshold", "colour", "", "__proto__"])] = Copy(Pick(OddValues));
                    break;
                default:
                    target[Pick(["options", "workspace", "command", "extra"])] = RandomJson(random.Next(0, 4));
                    break;
            }
        }

        return job;
    }

    private JsonNode? RandomJson(int depth)
    {
        var kind = depth <= 0 ? random.Next(3) : random.Next(5);
        switch (kind)
        {
            case 0:
                return Copy(Pick(OddValues));
            case 1:
                return JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-5, 300)));
            case 2:
                return JsonValue.Create(new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(1, 0xD7FF)).ToArray()));
            case 3:
                {
                    var array = new JsonArray();
                    for (var i = random.Next(0, 5); i > 0; i--)
                    {
                        array.Add(RandomJson(depth - 1));
                    }

                    return array;
                }

            default:
                {
                    var obj = new JsonObject();
                    for (var i = random.Next(0, 5); i > 0; i--)
                    {
                        obj[Pick(["command", "options", "workspace", "items", "path", "workspaceId", Junk(5)]) + (random.Next(3) == 0 ? i.ToString(CultureInfo.InvariantCulture) : "")] = RandomJson(depth - 1);
                    }

                    return obj;
                }
        }
    }

    private static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string PickLocked(List<string> items)
    {
        lock (items)
        {
            return items[random.Next(items.Count)];
        }
    }
}
