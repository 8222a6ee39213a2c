using System.Collections.Concurrent;
using System.Net;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Checks http(s) links over the network with bounded concurrency, a per-host limit and a timeout per request.
/// HEAD first, GET when the server refuses HEAD. Only used when a job sets checkExternal. The client comes from
/// <see cref="IHttpClientFactory"/> (<see cref="HttpClientName"/>, registered by <c>AddDocsCommand</c>), whose
/// resilience handler retries transient answers; the job's timeout bounds each link's check, retries included.
/// </summary>
public sealed class ExternalLinkChecker
{
    /// <summary>Name of the factory client the checker uses.</summary>
    public const string HttpClientName = "docs-external-links";

    private readonly HttpClient _client;
    private readonly int _concurrency;
    private readonly int _perHost;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a checker over a client from the factory (<see cref="HttpClientName"/>).</summary>
    public ExternalLinkChecker(HttpClient client, int concurrency, int perHost, TimeSpan timeout)
    {
        _client = client;
        _concurrency = Math.Max(1, concurrency);
        _perHost = Math.Max(1, perHost);
        _timeout = timeout;
    }

    /// <summary>For each URL, null when it answered with success, otherwise why it failed.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> CheckAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var hosts = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);
        using var global = new SemaphoreSlim(_concurrency);
        var tasks = urls.Distinct(StringComparer.Ordinal).Select(async url =>
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                results[url] = "not a valid http(s) URL";
                return;
            }

            var host = hosts.GetOrAdd(uri.Authority, _ => new SemaphoreSlim(_perHost));
            await global.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await host.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    results[url] = await ProbeAsync(uri, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    host.Release();
                }
            }
            finally
            {
                global.Release();
            }
        });
        await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var semaphore in hosts.Values)
        {
            semaphore.Dispose();
        }

        return results;
    }

    private async Task<string?> ProbeAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, uri);
            using var response = await _client.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden or HttpStatusCode.NotImplemented or HttpStatusCode.BadRequest)
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, uri);
                using var retry = await _client.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                return retry.IsSuccessStatusCode ? null : $"HTTP {(int)retry.StatusCode}";
            }

            return $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {_timeout.TotalMilliseconds:0} ms";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
