using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>A job submitted over HTTP and followed on its SSE stream to the end.</summary>
public static class JobStream
{
    /// <summary>
    /// Submits <paramref name="body"/> to <c>POST /api/jobs</c>, then reads the job's event stream until
    /// <c>jobCompleted</c>, and returns that event's snapshot (which carries the job's own metrics).
    /// </summary>
    public static async Task<JsonElement> RunToCompletionAsync(HttpClient http, string body)
    {
        var response = await http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var events = await http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var completed = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: jobCompleted")
            {
                completed = true;
            }
            else if (completed && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = JsonDocument.Parse(line["data: ".Length..]);
                return data.RootElement.GetProperty("snapshot").Clone();
            }
        }

        throw new InvalidOperationException($"job {id}: the stream closed without jobCompleted");
    }
}
