using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static ParallelAgents.Api.Tests.Security.ApiCalls;

namespace ParallelAgents.Api.Tests.Security;

/// <summary>The secured service with the Prometheus endpoint on; the Orleans dashboard is on by default.</summary>
public sealed class OperatorViewsApiFactory : SecureApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Telemetry:Prometheus:Enabled", "true")];
}

/// <summary>The secured service with both operator views turned off.</summary>
public sealed class NoOperatorViewsApiFactory : SecureApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Telemetry:Prometheus:Enabled", "false"),
        new("Telemetry:OrleansDashboard:Enabled", "false"),
    ];
}

/// <summary>The metrics scrape and the Orleans dashboard (page and JSON API) need the admin scope when authentication is on.</summary>
public sealed class AdminScopeTests(OperatorViewsApiFactory factory, NoOperatorViewsApiFactory off)
    : IClassFixture<OperatorViewsApiFactory>, IClassFixture<NoOperatorViewsApiFactory>
{
    public static TheoryData<string> OperatorViews =>
    [
        "/metrics",
        "/orleans",
        "/orleans/",
        "/orleans/index.min.js",
        "/orleans/DashboardCounters",
        "/orleans/ClusterStats",
        "/orleans/Reminders",
    ];

    [Theory]
    [MemberData(nameof(OperatorViews))]
    public async Task Without_a_key_an_operator_view_answers_401(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.Select(h => h.Scheme));
    }

    [Theory]
    [MemberData(nameof(OperatorViews))]
    public async Task A_read_only_key_gets_403_naming_the_admin_scope(string url)
    {
        var problem = await AssertProblemAsync(await factory.ClientFor("reader").GetAsync(url), HttpStatusCode.Forbidden);
        Assert.Contains("'admin'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(OperatorViews))]
    public async Task An_admin_key_gets_200(string url)
    {
        var response = await factory.ClientFor("ops").GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_bare_dashboard_path_redirects_an_admin_to_the_page_and_nobody_else()
    {
        var ops = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        ops.DefaultRequestHeaders.Add("X-Api-Key", SecureApiFactory.Identities["ops"].Key);
        var response = await ops.GetAsync("/orleans");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/orleans/", response.Headers.Location?.OriginalString);

        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AssertProblemAsync(await anonymous.GetAsync("/orleans"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_admin_sees_the_job_counters_in_the_scrape_and_the_silo_on_the_dashboard()
    {
        var alice = factory.ClientFor("alice");
        var report = await WaitForReportAsync(alice, await SubmitAsync(alice, """{"command":"synthetic","options":{"items":3}}"""));
        Assert.Equal("completed", report.GetProperty("status").GetString());

        // The exporter answers a scrape from a copy it keeps for a moment (an earlier test's scrape may be that copy),
        // and the counter is added as the job ends: scrape until it is there.
        var ops = factory.ClientFor("ops");
        var text = "";
        for (var scrapeUntil = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            var scrape = await ops.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            text = await scrape.Content.ReadAsStringAsync();
            if (text.Contains("parallelagents_jobs_completed_total", StringComparison.Ordinal) || DateTime.UtcNow > scrapeUntil)
            {
                break;
            }
        }

        Assert.Contains("# TYPE parallelagents_jobs_completed_total counter", text);
        Assert.Contains("parallelagents_jobs_submitted_total{", text);

        var page = await ops.GetAsync("/orleans/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());

        // The dashboard learns the silos from its own periodic collection: a first request can come before it.
        var counters = await ops.GetFromJsonAsync<JsonElement>("/orleans/DashboardCounters");
        for (var hostsUntil = DateTime.UtcNow.AddSeconds(30); counters.GetProperty("hosts").GetArrayLength() == 0 && DateTime.UtcNow < hostsUntil;)
        {
            await Task.Delay(200);
            counters = await ops.GetFromJsonAsync<JsonElement>("/orleans/DashboardCounters");
        }

        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", host.GetProperty("status").GetString());

        // The dashboard's call profiler measures only once someone has asked for figures, and reports what it measured
        // at its next collection: a job run after this first request shows the service's grains a moment later.
        static bool ShowsServiceGrains(JsonElement c) => c.GetProperty("simpleGrainStats").EnumerateArray()
            .Any(g => g.GetProperty("grainType").GetString()!.StartsWith("ParallelAgents.Grains.", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!ShowsServiceGrains(counters) && DateTime.UtcNow < deadline)
        {
            await WaitForReportAsync(alice, await SubmitAsync(alice, """{"command":"synthetic","options":{"items":3}}"""));
            await Task.Delay(500);
            counters = await ops.GetFromJsonAsync<JsonElement>("/orleans/DashboardCounters");
        }

        Assert.True(ShowsServiceGrains(counters), counters.GetProperty("simpleGrainStats").ToString());
    }

    [Fact]
    public async Task The_dashboards_key_cookie_opens_the_orleans_dashboard_and_nothing_else()
    {
        HttpClient WithCookie(string identity)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Add("Cookie", $"parallel-agents-key={Uri.EscapeDataString(SecureApiFactory.Identities[identity].Key)}");
            return client;
        }

        var ops = WithCookie("ops");
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/orleans/DashboardCounters")).StatusCode);

        // Anywhere else the cookie is not a credential: a page on another site cannot spend it on the API.
        await AssertProblemAsync(await ops.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await ops.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await WithCookie("alice").PostAsync("/api/jobs", JsonContent.Create(new { command = "synthetic" })), HttpStatusCode.Unauthorized);

        await AssertProblemAsync(await WithCookie("reader").GetAsync("/orleans/"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Neither_is_openapi_operation()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(paths, p => p.StartsWith("/metrics", StringComparison.Ordinal) || p.StartsWith("/orleans", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/orleans/")]
    [InlineData("/orleans/DashboardCounters")]
    public async Task Turned_off_they_are_404_even_for_the_admin(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await off.ClientFor("ops").GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().GetAsync(url)).StatusCode);
    }
}
