using System.Net.Http.Headers;

namespace ParallelAgents.TestSupport;

/// <summary>One live Server-Sent Events connection, read in the background: the events so far, and the end.</summary>
public sealed class SseConnection : IAsyncDisposable
{
    private readonly List<SseEvent> _events = [];
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    private SseConnection(HttpClient client, string path, string? lastEventId, TimeSpan timeout)
    {
        _stop = new CancellationTokenSource(timeout);
        _reading = ReadAsync(client, path, lastEventId, _stop.Token);
    }

    /// <summary>The events received so far, in order.</summary>
    public IReadOnlyList<SseEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Ends when the server closes the stream (or the connection fails: awaiting it throws then).</summary>
    public Task Completion => _reading;

    /// <summary>Opens <paramref name="path"/> (with <c>Last-Event-ID</c> when given); reading stops after <paramref name="timeout"/>.</summary>
    public static SseConnection Open(HttpClient client, string path, TimeSpan timeout, string? lastEventId = null) =>
        new(client, path, lastEventId, timeout);

    /// <summary>
    /// Waits until an event satisfies <paramref name="predicate"/>; false when the stream ended or time ran out first.
    /// Throws the connection's error when it failed.
    /// </summary>
    public async Task<bool> WaitForAsync(Func<SseEvent, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Events.Any(predicate))
            {
                return true;
            }

            if (_reading.IsCompleted)
            {
                // A connection that failed says why.
                await _reading;
                return Events.Any(predicate);
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient client, string path, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? type = null;
        string? id = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    lock (_events)
                    {
                        _events.Add(new SseEvent(type ?? "message", id, string.Join('\n', data)));
                    }
                }

                (type, id) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line[3..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line[5..].TrimStart());
            }
        }
    }
}
