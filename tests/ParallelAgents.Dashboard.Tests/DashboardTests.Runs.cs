using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ParallelAgents.Dashboard.Tests;

/// <summary>Cross-command runs in the dashboard: submitted from the form, followed on the run page.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task A_run_of_two_commands_submitted_from_the_page_follows_both_jobs_to_completed_and_links_the_combined_report()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(server.WorkspaceRoot, "run-" + Guid.NewGuid().ToString("N"))).FullName;
        Directory.CreateDirectory(Path.Combine(workspace, "docs"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "README.md"), "# Sample\n\nSee the [guide](docs/guide.md).\n");
        await File.WriteAllTextAsync(Path.Combine(workspace, "docs", "guide.md"), "# Guide\n\nSee [missing](missing.md).\n");

        var page = await OpenAsync();
        await page.SelectOptionAsync("#command", "synthetic");
        await page.FillAsync("#max-instances", "4");
        await page.FillAsync("#options-json", """{"items": 24, "latencyMs": 200}""");
        await page.SelectOptionAsync("#workspace-kind", "path");
        await page.FillAsync("#workspace-path", workspace);
        await page.ClickAsync("#run-box summary");
        // The command chosen above is the run's first job and is not offered a second time.
        Assert.True(await page.Locator("#run-commands input[value='synthetic']").IsHiddenAsync());
        await page.CheckAsync("#run-commands input[value='docs']");
        Assert.Equal("Submit run (2 commands)", await page.TextContentAsync("#submit"));

        await page.EvaluateAsync("""
            () => {
              window.__run = [];
              new MutationObserver(records => {
                for (const r of records) {
                  if (r.target.id === 'run-overall-bar') {
                    window.__run.push(Number(r.target.getAttribute('aria-valuenow')));
                  }
                }
              }).observe(document.getElementById('run-view'), { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
            }
            """);
        await page.ClickAsync("#submit");
        await page.WaitForFunctionAsync(
            """
            () => /\/runs\/[A-Za-z0-9_-]+$/.test(location.pathname) || !document.getElementById('submit-errors').hidden
            """,
            null,
            new() { Timeout = (float)JobTimeout.TotalMilliseconds, PollingInterval = 100 });
        if (!RunUrl().IsMatch(page.Url))
        {
            Assert.Fail($"The run was refused: {await page.InnerTextAsync("#submit-errors")}");
        }

        var runId = new Uri(page.Url).Segments[^1];
        await page.Locator("#run-status[data-status='completed']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await page.Locator("#run-report h1").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        Assert.Equal(runId, await page.TextContentAsync("#run-id"));
        Assert.Equal("100", await page.GetAttributeAsync("#run-overall-bar", "aria-valuenow"));
        var overall = await page.EvaluateAsync<double[]>("() => window.__run");
        Assert.Contains(overall, v => v is > 0 and < 100);
        await AssertRunRowsAsync(page, runId);

        Assert.Equal("Run report", await page.TextContentAsync("#run-report h1"));
        var report = await page.InnerTextAsync("#run-report");
        Assert.Contains("synthetic report", report, StringComparison.Ordinal);
        Assert.Contains("docs report", report, StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "dashboard-run.png");

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal($"/api/runs/{runId}/report?format=markdown", await page.GetAttributeAsync("#run-download-markdown", "href"));
        Assert.StartsWith("# Run report", await http.GetStringAsync(await page.GetAttributeAsync("#run-download-markdown", "href")), StringComparison.Ordinal);
        var json = JsonDocument.Parse(await http.GetStringAsync(await page.GetAttributeAsync("#run-download-json", "href")));
        Assert.Equal(runId, json.RootElement.GetProperty("runId").GetString());
        Assert.Equal(["synthetic", "docs"], json.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("command").GetString()));
        var sarif = JsonDocument.Parse(await http.GetStringAsync(await page.GetAttributeAsync("#run-download-sarif", "href")));
        Assert.Equal(2, sarif.RootElement.GetProperty("runs").GetArrayLength());

        // A row's link opens its job's own page.
        await page.ClickAsync($"#run-jobs tr[data-job-id='{runId}-0'] a.job-link");
        await page.Locator("#job-status[data-status='completed']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.EndsWith($"/jobs/{runId}-0", page.Url, StringComparison.Ordinal);
        Assert.Equal("synthetic", await page.TextContentAsync("#job-command"));

        // The run's address opened directly (the service serves the page for /runs/...) shows the ended run.
        await page.GotoAsync(new Uri(server.BaseAddress, $"runs/{runId}").ToString());
        await page.Locator("#run-status[data-status='completed']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await AssertRunRowsAsync(page, runId);
        await page.Locator("#run-report h1").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
    }

    [Fact]
    public async Task A_rejected_run_shows_the_first_jobs_field_on_the_form()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#command", "synthetic");
        await page.FillAsync("#max-instances", "0");
        await page.ClickAsync("#run-box summary");
        await page.CheckAsync("#run-commands input[value='docs']");
        await page.ClickAsync("#submit");

        var errors = page.Locator("#submit-errors");
        await errors.WaitForAsync();
        Assert.Contains("jobs[0].options.maxInstances: Must be at least 1", await errors.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Contains("invalid", await page.GetAttributeAsync("#max-instances", "class") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_cancelled_from_its_page_ends_cancelled_with_every_job_cancelled()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        // Long enough that the page sees it running: 2 × 400 items of 500 ms on 2 instances each.
        var slow = new { items = 400, latencyMs = 500, maxInstances = 2 };
        var submitted = await http.PostAsync("/api/runs", new StringContent(
            JsonSerializer.Serialize(new { jobs = new[] { new { command = "synthetic", options = slow }, new { command = "synthetic", options = slow } } }),
            System.Text.Encoding.UTF8,
            "application/json"));
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var runId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var page = await OpenAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, $"runs/{runId}").ToString());
        await page.Locator("#run-status[data-status='running']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await page.Locator("#run-cancel:enabled").WaitForAsync();
        await page.ClickAsync("#run-cancel");

        await page.Locator("#run-status[data-status='cancelled']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        var rows = page.Locator("#run-jobs tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("cancelled", await rows.Nth(i).Locator(".status").TextContentAsync());
        }

        Assert.True(await page.IsDisabledAsync("#run-cancel"));
        // A cancelled run still has its combined report: what each job did before it stopped.
        await page.Locator("#run-report h1").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.True(await page.IsHiddenAsync("#run-error"), await page.InnerTextAsync("#run-error"));
        var run = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{runId}"));
        Assert.Equal("cancelled", run.RootElement.GetProperty("status").GetString());
    }

    private static async Task AssertRunRowsAsync(IPage page, string runId)
    {
        var rows = page.Locator("#run-jobs tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        string[] commands = ["synthetic", "docs"];
        for (var i = 0; i < commands.Length; i++)
        {
            var row = rows.Nth(i);
            Assert.Equal($"{runId}-{i}", await row.GetAttributeAsync("data-job-id"));
            Assert.Equal(commands[i], await row.Locator(".command").TextContentAsync());
            Assert.Equal("done", await row.Locator(".status").TextContentAsync());
            Assert.Equal("100", await row.Locator(".bar").GetAttributeAsync("aria-valuenow"));
            Assert.Equal($"/jobs/{runId}-{i}", await row.Locator("a.job-link").GetAttributeAsync("href"));
        }

        Assert.Equal("24/24", await rows.Nth(0).Locator(".count").TextContentAsync());
    }

    [GeneratedRegex("/runs/[A-Za-z0-9_-]+$")]
    private static partial Regex RunUrl();
}
