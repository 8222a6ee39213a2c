using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// Advisories from the OSV HTTP API: <c>POST /v1/querybatch</c> (at most 1000 queries a call, following
/// <c>next_page_token</c>), then <c>GET /v1/vulns/{id}</c> for each record, over the factory client
/// <see cref="HttpClientName"/> whose resilience handler (<see cref="OsvResilience"/>) times and retries each request.
/// What still fails becomes an <see cref="AdvisorySourceException"/>. Query answers and records are cached for the
/// process, so instances on one silo share them.
/// </summary>
public sealed partial class OsvApiClient : IAdvisorySource
{
    /// <summary>Name of the factory client (registered by <c>AddOsvHttpClient</c>).</summary>
    public const string HttpClientName = "osv";

    /// <summary>Most queries one querybatch call may carry.</summary>
    public const int MaxBatch = 1000;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly AdvisoryOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<PackageQuery, (DateTimeOffset At, string[] Ids)> _queryCache = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, OsvRecord Record)> _recordCache = new(StringComparer.Ordinal);

    /// <summary>Creates the client over the factory client <see cref="HttpClientName"/> (no timeout of its own: the handler times each attempt).</summary>
    public OsvApiClient(HttpClient http, Uri baseUri, AdvisoryOptions options, ILogger<OsvApiClient>? logger = null)
    {
        _http = http;
        _base = new Uri(baseUri.ToString().TrimEnd('/') + "/");
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<AdvisoryLookup> LookupAsync(IReadOnlyCollection<PackageQuery> queries, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var ttl = TimeSpan.FromMinutes(_options.ApiCacheMinutes);
        var ids = new Dictionary<PackageQuery, string[]>();
        var pending = new List<PackageQuery>();
        foreach (var query in queries.Distinct())
        {
            if (_queryCache.TryGetValue(query, out var cached) && now - cached.At < ttl)
            {
                ids[query] = cached.Ids;
            }
            else
            {
                pending.Add(query);
            }
        }

        foreach (var chunk in pending.Chunk(MaxBatch))
        {
            foreach (var (query, found) in await QueryBatchAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                ids[query] = found;
                _queryCache[query] = (now, found);
            }
        }

        var records = await FetchRecordsAsync(ids.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);
        var matches = new Dictionary<PackageQuery, IReadOnlyList<OsvRecord>>();
        foreach (var (query, found) in ids)
        {
            var list = found.Select(id => records.GetValueOrDefault(id)).OfType<OsvRecord>().Where(r => r.Withdrawn is null).ToArray();
            if (list.Length > 0)
            {
                matches[query] = list;
            }
        }

        var newest = records.Values.Select(r => r.Modified).Where(m => m is not null).DefaultIfEmpty(null).Max();
        return new AdvisoryLookup(matches, new AdvisorySourceInfo("api", _base.ToString().TrimEnd('/'), newest, records.Count));
    }

    private async Task<List<(PackageQuery, string[])>> QueryBatchAsync(PackageQuery[] chunk, CancellationToken cancellationToken)
    {
        var found = chunk.Select(_ => new List<string>()).ToArray();
        var tokens = new string?[chunk.Length];
        var todo = Enumerable.Range(0, chunk.Length).ToList();
        for (var page = 0; todo.Count > 0 && page < 100; page++)
        {
            var body = new JsonObject
            {
                ["queries"] = new JsonArray(todo.Select(i => (JsonNode)Query(chunk[i], tokens[i])).ToArray()),
            };
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/querybatch"))
            {
                Content = JsonContent.Create(body),
            }, cancellationToken).ConfigureAwait(false);
            var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var results = json?["results"] as JsonArray ?? throw new AdvisorySourceException("The OSV API answered querybatch without 'results'.");
            if (results.Count != todo.Count)
            {
                throw new AdvisorySourceException($"The OSV API answered {results.Count} results for {todo.Count} queries.");
            }

            var next = new List<int>();
            for (var r = 0; r < results.Count; r++)
            {
                var index = todo[r];
                foreach (var vuln in results[r]?["vulns"] as JsonArray ?? [])
                {
                    if (vuln?["id"]?.GetValueKind() == JsonValueKind.String)
                    {
                        found[index].Add(vuln["id"]!.GetValue<string>());
                    }
                }

                var token = results[r]?["next_page_token"];
                if (token?.GetValueKind() == JsonValueKind.String && token.GetValue<string>() is { Length: > 0 } t)
                {
                    tokens[index] = t;
                    next.Add(index);
                }
            }

            todo = next;
        }

        return chunk.Select((q, i) => (q, found[i].Distinct(StringComparer.Ordinal).ToArray())).ToList();
    }

    private static JsonObject Query(PackageQuery query, string? pageToken)
    {
        // OSV's Go entries carry versions without the 'v' prefix.
        var version = query.Ecosystem == Ecosystems.Go && query.Version.StartsWith('v') ? query.Version[1..] : query.Version;
        var result = new JsonObject
        {
            ["package"] = new JsonObject { ["name"] = query.Name, ["ecosystem"] = query.Ecosystem },
            ["version"] = version,
        };
        if (pageToken is not null)
        {
            result["page_token"] = pageToken;
        }

        return result;
    }

    private async Task<Dictionary<string, OsvRecord>> FetchRecordsAsync(string[] ids, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var ttl = TimeSpan.FromMinutes(_options.ApiCacheMinutes);
        var result = new ConcurrentDictionary<string, OsvRecord>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in ids)
        {
            if (_recordCache.TryGetValue(id, out var cached) && now - cached.At < ttl)
            {
                result[id] = cached.Record;
            }
            else
            {
                missing.Add(id);
            }
        }

        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ApiMaxConcurrency), CancellationToken = cancellationToken }, async (id, ct) =>
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "v1/vulns/" + Uri.EscapeDataString(id))), ct).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            OsvRecord record;
            try
            {
                record = OsvJson.Parse(bytes);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new AdvisorySourceException($"The OSV API returned an unreadable record for {id}: {e.Message}", e);
            }

            result[id] = record;
            _recordCache[id] = (now, record);
        }).ConfigureAwait(false);
        return new Dictionary<string, OsvRecord>(result, StringComparer.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        string reason;
        try
        {
            // The factory client's resilience handler has already retried what is worth retrying (OsvResilience).
            var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            response.Dispose();
            if (status != (int)HttpStatusCode.TooManyRequests && status != (int)HttpStatusCode.RequestTimeout && status < 500)
            {
                throw new AdvisorySourceException($"The OSV API refused {message.Method} {message.RequestUri?.AbsolutePath}: HTTP {status}.");
            }

            reason = $"HTTP {status}";
        }
        catch (TimeoutRejectedException)
        {
            reason = $"no answer within {_options.ApiTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = "the request was cancelled";
        }
        catch (HttpRequestException e)
        {
            reason = e.Message;
        }

        LogGaveUp(_logger, message.RequestUri?.AbsolutePath ?? string.Empty, _options.ApiMaxAttempts, reason);
        throw new AdvisorySourceException($"The OSV API at {_base} did not answer after {Math.Max(1, _options.ApiMaxAttempts)} attempt(s): {reason}.");
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new AdvisorySourceException($"The OSV API answered with invalid JSON: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OSV request {Path} failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string path, int attempts, string reason);
}
