using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ParallelAgents.Dashboard.Tests;

/// <summary>The dashboard in a real browser against the real service.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardServer server, Browser browser)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_synthetic_job_submitted_from_the_page_fills_its_bars_to_100_percent_and_shows_the_report()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#command", "synthetic");
        await page.FillAsync("#max-instances", "4");
        await page.FillAsync("#options-json", """{"items": 24, "latencyMs": 200}""");

        // Record every value the bars take, so the test sees them advance rather than only the end state.
        await page.EvaluateAsync("""
            () => {
              window.__overall = [];
              window.__instances = [];
              new MutationObserver(records => {
                for (const r of records) {
                  const v = Number(r.target.getAttribute('aria-valuenow'));
                  (r.target.id === 'overall-bar' ? window.__overall : window.__instances).push(v);
                }
              }).observe(document.getElementById('job-view'), { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
            }
            """);
        await page.ClickAsync("#submit");
        await WaitForJobPageAsync(page);
        var jobId = new Uri(page.Url).Segments[^1];

        // A picture of the page while the instances work (the README's screenshot comes from here).
        await page.WaitForFunctionAsync("() => Number(document.getElementById('overall-bar').getAttribute('aria-valuenow')) >= 30");
        await SaveScreenshotAsync(page, "dashboard-job-running.png", fullPage: false);

        await page.Locator("#job-status[data-status='completed']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await page.Locator("#report h1").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        Assert.Equal("100", await page.GetAttributeAsync("#overall-bar", "aria-valuenow"));
        var rows = page.Locator("#instances .instance");
        Assert.Equal(4, await rows.CountAsync());
        for (var i = 0; i < 4; i++)
        {
            var row = rows.Nth(i);
            Assert.Equal("100", await row.Locator(".bar").GetAttributeAsync("aria-valuenow"));
            Assert.Equal("6/6", await row.Locator(".count").TextContentAsync());
            Assert.Equal("done", await row.Locator(".state").TextContentAsync());
            Assert.StartsWith("attempt ", await row.Locator(".attempt").TextContentAsync());
            Assert.StartsWith("on ", await row.Locator(".silo").TextContentAsync());
        }

        var overall = await page.EvaluateAsync<double[]>("() => window.__overall");
        var instances = await page.EvaluateAsync<double[]>("() => window.__instances");
        Assert.Contains(overall, v => v is > 0 and < 100);
        Assert.Contains(instances, v => v is > 0 and < 100);

        Assert.EndsWith("×", await page.Locator("[data-metric='speedup'] dd").TextContentAsync());
        Assert.EndsWith("%", await page.Locator("[data-metric='utilization'] dd").TextContentAsync());
        Assert.Equal("done", await page.TextContentAsync("#eta"));
        Assert.True(await page.IsDisabledAsync("#cancel"));

        Assert.Equal("synthetic report", await page.TextContentAsync("#report h1"));
        Assert.True(await page.Locator("#report table").CountAsync() >= 2);
        Assert.Contains("SYN001", await page.InnerTextAsync("#report"));

        await SaveScreenshotAsync(page, "dashboard-job.png");

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var sarifHref = await page.GetAttributeAsync("#download-sarif", "href");
        var sarif = JsonDocument.Parse(await http.GetStringAsync(sarifHref));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var jsonHref = await page.GetAttributeAsync("#download-json", "href");
        var json = JsonDocument.Parse(await http.GetStringAsync(jsonHref));
        Assert.Equal(jobId, json.RootElement.GetProperty("jobId").GetString());

        // Back on the list, the job is there with its figures.
        await page.ClickAsync("nav a[href='/']");
        var listed = page.Locator($"#jobs tr[data-job-id='{jobId}']");
        await listed.WaitForAsync();
        var cells = await listed.Locator("td").AllTextContentsAsync();
        Assert.Equal("synthetic", cells[0]);
        Assert.Equal("done", cells[1]);
        Assert.Equal("4", cells[4]);
        Assert.EndsWith("×", cells[5]);
    }

    [Fact]
    public async Task A_model_backed_job_shows_its_usage_live_per_instance_and_its_budget_stop()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(server.WorkspaceRoot, "agent-" + Guid.NewGuid().ToString("N"))).FullName;
        for (var i = 0; i < 6; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(workspace, $"f{i}.txt"), $"file {i}\n");
        }

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        // Each answer costs 120 tokens: the third reaches the budget, and the three items left are not run.
        var submitted = await http.PostAsync("/api/jobs", new StringContent(
            JsonSerializer.Serialize(new { command = "agent", workspace = new { path = workspace }, options = new { agent = "code-reviewer", partitionBy = "file", maxInstances = 1, maxTokens = 360 } }),
            System.Text.Encoding.UTF8,
            "application/json"));
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var jobId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var page = await OpenAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, $"jobs/{jobId}").ToString());
        // While it runs, the usage arrives with the progress events.
        await page.WaitForFunctionAsync(
            "() => document.getElementById('job-status').dataset.status === 'running' && !document.getElementById('usage-card').hidden && Number(document.querySelector(\"[data-usage='calls'] dd\").textContent) >= 1",
            null,
            new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        await page.Locator("#job-status[data-status='completedWithErrors']").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.Equal("3", await page.TextContentAsync("[data-usage='calls'] dd"));
        Assert.Equal("300", await page.TextContentAsync("[data-usage='input tokens'] dd"));
        Assert.Equal("60", await page.TextContentAsync("[data-usage='output tokens'] dd"));
        Assert.Equal("0.4200 USD", await page.TextContentAsync("[data-usage='cost'] dd"));
        Assert.Equal("360 tokens · 3 calls", await page.TextContentAsync("#instances .instance .instance-usage"));
        var stop = await page.TextContentAsync("#budget-stop");
        Assert.StartsWith("Budget reached — no new item starts: not run: budget of 360 tokens reached", stop, StringComparison.Ordinal);
        await page.Locator("#report h1").WaitForAsync(new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.Contains("Items not run", await page.InnerTextAsync("#report"), StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "dashboard-agent-job.png");
    }

    [Fact]
    public async Task A_rejected_submission_shows_the_field_and_the_reason()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#command", "synthetic");
        await page.FillAsync("#max-instances", "0");
        await page.ClickAsync("#submit");

        var errors = page.Locator("#submit-errors");
        await errors.WaitForAsync();
        var text = await errors.InnerTextAsync();
        Assert.Contains("options.maxInstances: Must be at least 1", text);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Contains("invalid", await page.GetAttributeAsync("#max-instances", "class") ?? "");
        await SaveScreenshotAsync(page, "dashboard-rejected.png");
    }

    [Fact]
    public async Task A_command_disabled_on_the_service_is_listed_but_cannot_be_chosen()
    {
        var page = await OpenAsync();

        var test = page.Locator("#command option[value='test']");
        // Playwright's IsDisabled does not look at <option>; the DOM property is what the browser honours.
        Assert.True(await test.EvaluateAsync<bool>("e => e.disabled"));
        Assert.Contains("(disabled)", await test.TextContentAsync());
        Assert.Contains("Commands:Test:Enabled=true", await test.GetAttributeAsync("title"));
        Assert.False(await page.Locator("#command option[value='synthetic']").EvaluateAsync<bool>("e => e.disabled"));
        Assert.Equal("synthetic", await page.InputValueAsync("#command"));
        Assert.False(await page.IsDisabledAsync("#submit"));
    }

    [Fact]
    public async Task A_workspace_path_outside_the_allowed_roots_is_explained()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#command", "synthetic");
        await page.SelectOptionAsync("#workspace-kind", "path");
        await page.FillAsync("#workspace-path", "/definitely/not/allowed");
        await page.ClickAsync("#submit");

        await page.Locator("#submit-errors").WaitForAsync();
        Assert.Contains("workspace.path: '/definitely/not/allowed' is outside the allowed workspace roots", await page.InnerTextAsync("#submit-errors"));
    }

    [Fact]
    public async Task The_report_renderer_escapes_html_and_drops_unsafe_links()
    {
        var page = await OpenAsync();
        var html = await page.EvaluateAsync<string>("""
            async () => (await import('/js/markdown.js')).renderMarkdown(
              '# T <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---:|\n| <script>x</script> | a\\|b |\n\n- [ok](https://example.com) [bad](javascript&#58;alert) [worse](data:text/html,x)\n\n```\n<b>\n```')
            """);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript", html);
        Assert.DoesNotContain("data:", html);
        Assert.Contains("<h1>T &lt;img src=x onerror=alert(1)&gt;</h1>", html);
        Assert.Contains("<td style=\"text-align:right\">a|b</td>", html);
        Assert.Contains("<a href=\"https://example.com\"", html);
        Assert.Contains("<pre><code>&lt;b&gt;</code></pre>", html);
    }

    [Fact]
    public async Task The_api_key_field_is_remembered_and_sent()
    {
        var page = await OpenAsync();
        var sent = new List<string?>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/jobs", StringComparison.Ordinal))
            {
                sent.Add(request.Headers.TryGetValue("x-api-key", out var key) ? key : null);
            }
        };
        await page.FillAsync("#api-key", "secret-123");
        await page.ClickAsync("#api-key-form button");
        await page.ReloadAsync();
        Assert.Equal("secret-123", await page.InputValueAsync("#api-key"));
        await page.WaitForRequestAsync(r => r.Url.Contains("/api/jobs", StringComparison.Ordinal));
        Assert.Contains("secret-123", sent);

        // The link to the Orleans dashboard cannot send a header: the key goes there, and only there, as a cookie.
        var orleans = await browser.Context.CookiesAsync([new Uri(server.BaseAddress, "orleans/").ToString()]);
        var cookie = Assert.Single(orleans, c => c.Name == "parallel-agents-key");
        Assert.Equal("secret-123", Uri.UnescapeDataString(cookie.Value));
        Assert.Equal("/orleans", cookie.Path);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        var api = await browser.Context.CookiesAsync([new Uri(server.BaseAddress, "api/jobs").ToString()]);
        Assert.DoesNotContain(api, c => c.Name == "parallel-agents-key");

        await page.FillAsync("#api-key", "");
        await page.ClickAsync("#api-key-form button");
        await page.Locator("#api-key-state", new() { HasText = "cleared" }).WaitForAsync();
        orleans = await browser.Context.CookiesAsync([new Uri(server.BaseAddress, "orleans/").ToString()]);
        Assert.DoesNotContain(orleans, c => c.Name == "parallel-agents-key");
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await browser.Context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.Locator("#command option[value='synthetic']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Waits until a submission from the form has opened its job's page. A submission the service refused shows its
    /// reason under the form instead: the test then fails with that reason rather than with a timeout.
    /// </summary>
    private static async Task WaitForJobPageAsync(IPage page)
    {
        // On a loaded CI machine (the durability tests' silo processes running beside it) the answer once took longer
        // than Playwright's default 30 s; it gets the same allowance as the job itself.
        await page.WaitForFunctionAsync(
            """
            () => /\/jobs\/[A-Za-z0-9_-]+$/.test(location.pathname) || !document.getElementById('submit-errors').hidden
            """,
            null,
            new() { Timeout = (float)JobTimeout.TotalMilliseconds, PollingInterval = 100 });
        if (!JobUrl().IsMatch(page.Url))
        {
            Assert.Fail($"The submission was refused: {await page.InnerTextAsync("#submit-errors")}");
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
    }

    [GeneratedRegex("/jobs/[A-Za-z0-9_-]+$")]
    private static partial Regex JobUrl();
}
