using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.Api.Tests;

/// <summary>The service's log holds a line per job and per problem, not one per grain call; Logging:* settings still win.</summary>
public sealed class LoggingDefaultsTests
{
    [Fact]
    public async Task A_few_jobs_log_no_information_lines_from_third_party_categories()
    {
        var (lines, ids) = await RunJobsAsync(settings: []);

        var thirdParty = lines.Where(l => l.Level <= LogLevel.Information && !IsOurs(l.Category)).ToArray();
        Assert.True(thirdParty.Length == 0, string.Join("\n", thirdParty.Take(20).Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        Assert.All(ids, id => Assert.Contains(lines, l => l.Category.StartsWith("ParallelAgents", StringComparison.Ordinal) && l.Message.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_log_level_setting_for_a_category_overrides_the_default()
    {
        var (lines, _) = await RunJobsAsync(settings: new() { ["Logging:LogLevel:Polly"] = "Information" });

        Assert.Contains(lines, l => l.Category.StartsWith("Polly", StringComparison.Ordinal) && l.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Starting_the_service_logs_no_watchdog_warning()
    {
        var (lines, _) = await RunJobsAsync(settings: []);

        var watchdog = lines.Where(l => l.Category.StartsWith("Orleans.Runtime.Watchdog", StringComparison.Ordinal) && l.Level >= LogLevel.Warning).ToArray();
        Assert.True(watchdog.Length == 0, string.Join("\n", watchdog.Select(l => l.Message)));
    }

    // Microsoft.Hosting.Lifetime says where the service listens and when it stops, one line each.
    private static bool IsOurs(string category) =>
        category.StartsWith("ParallelAgents", StringComparison.Ordinal) || category == "Microsoft.Hosting.Lifetime";

    private static async Task<(IReadOnlyList<CapturingLoggerProvider.LogLine> Lines, string[] JobIds)> RunJobsAsync(Dictionary<string, string?> settings)
    {
        var capture = new CapturingLoggerProvider();
        using var factory = new ApiFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        using var withCapture = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(capture)));
        var client = withCapture.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/api/jobs", JobsApiTests.Json("""{"command":"synthetic","options":{"items":8,"latencyMs":5,"maxInstances":4}}"""));
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await Sse.ReadAllAsync(client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        }

        return (capture.Lines, [.. ids]);
    }
}
