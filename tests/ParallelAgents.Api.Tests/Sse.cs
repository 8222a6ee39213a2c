using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>Reads a Server-Sent Events response into (event type, JSON data) pairs until the server ends it.</summary>
public static class Sse
{
    public static async Task<List<(string Type, JsonElement Data)>> ReadAllAsync(HttpClient client, string url, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<(string, JsonElement)>();
        string? type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add((type ?? "message", JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone()));
                }

                type = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line[5..].TrimStart());
            }
        }

        return events;
    }

    /// <summary>The type of the last event in a complete SSE body.</summary>
    public static string? LastEventType(string body) =>
        body.Split('\n').Where(l => l.StartsWith("event:", StringComparison.Ordinal)).Select(l => l[6..].Trim()).LastOrDefault();
}
