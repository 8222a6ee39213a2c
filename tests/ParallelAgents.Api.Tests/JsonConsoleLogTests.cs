using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>For container platforms: the console log as one JSON object per line, each job's lines carrying its id as a scope.</summary>
public sealed class JsonConsoleLogTests
{
    [Fact]
    public async Task With_the_json_formatter_every_line_is_json_and_job_lines_carry_the_job_id_scope()
    {
        await using var service = ServiceProcess.Start(
            new Dictionary<string, string?>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
                ["Auth__AllowAnonymous"] = "true",
            },
            dll: typeof(Program).Assembly.Location);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var submitted = await service.Http.PostAsJsonAsync("/api/jobs", new { command = "synthetic", options = new { items = 4 } });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await service.WaitForOutputAsync($"Job {id} ended", TimeSpan.FromSeconds(60));

        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.All(parsed, l => Assert.True(l.TryGetProperty("Category", out _)));
        var job = parsed.Where(l => l.GetProperty("Message").GetString()!.Contains(id, StringComparison.Ordinal)).ToArray();
        Assert.Contains(job, l => l.GetProperty("Message").GetString()!.StartsWith($"Job {id} accepted", StringComparison.Ordinal));
        Assert.Contains(job, l => l.GetProperty("Message").GetString()!.StartsWith($"Job {id} planned", StringComparison.Ordinal));
        Assert.All(job, l => Assert.Contains(
            l.GetProperty("Scopes").EnumerateArray(),
            s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("JobId", out var scoped) && scoped.GetString() == id));
    }
}
