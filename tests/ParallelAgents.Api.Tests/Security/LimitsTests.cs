using System.Net;
using System.Text;
using System.Text.Json;
using static ParallelAgents.Api.Tests.Security.ApiCalls;

namespace ParallelAgents.Api.Tests.Security;

public sealed class LimitsTests(LimitsApiFactory factory) : IClassFixture<LimitsApiFactory>
{
    [Fact]
    public async Task A_body_over_the_limit_gets_413_whether_its_length_is_declared_or_streamed()
    {
        var client = factory.ClientFor("alice");
        var big = "{\"command\":\"synthetic\",\"options\":{\"items\":1},\"padding\":\"" + new string('x', LimitsApiFactory.MaxBody) + "\"}";
        var problem = await AssertProblemAsync(await client.PostAsync("/api/jobs", JsonBody(big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Limits:MaxRequestBodyBytes", problem.GetProperty("detail").GetString());

        var streamed = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new("application/json");
        await AssertProblemAsync(await client.PostAsync("/api/jobs", streamed), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_upload_over_the_archive_limit_gets_413()
    {
        var client = factory.ClientFor("bob");
        var random = new byte[LimitsApiFactory.MaxArchive * 4];
        new Random(1).NextBytes(random);
        var archive = Zip("noise.bin", Convert.ToBase64String(random));
        Assert.True(archive.Length > LimitsApiFactory.MaxArchive);
        var problem = await AssertProblemAsync(await client.PostAsync("/api/workspaces", Upload(archive)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Workspaces:MaxArchiveBytes", problem.GetProperty("detail").GetString());

        var huge = new byte[200_000];
        problem = await AssertProblemAsync(await client.PostAsync("/api/workspaces", Upload(huge)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Workspaces:MaxArchiveBytes", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/workspaces", Upload(Zip("a.md", "# small\n")))).StatusCode);
    }

    [Fact]
    public async Task Too_many_unfinished_jobs_get_429_with_retry_after_and_others_are_not_held_back()
    {
        var busy = factory.ClientFor("busy");
        const string slow = """{"command":"synthetic","options":{"items":1,"latencyMs":4000}}""";
        var ids = new List<string>();
        for (var i = 0; i < LimitsApiFactory.MaxConcurrent; i++)
        {
            ids.Add(await SubmitAsync(busy, slow));
        }

        var refused = await busy.PostAsync("/api/jobs", JsonBody(slow));
        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Limits:MaxConcurrentJobsPerIdentity", problem.GetProperty("detail").GetString());

        // Another identity has its own count.
        var other = await SubmitAsync(factory.ClientFor("alice"), """{"command":"synthetic","options":{"items":1}}""");
        await WaitForReportAsync(factory.ClientFor("alice"), other);

        foreach (var id in ids)
        {
            await busy.PostAsync($"/api/jobs/{id}/cancel", null);
            await WaitForReportAsync(busy, id);
        }

        // Once its jobs have ended, the identity may submit again.
        HttpResponseMessage again;
        var tries = 0;
        while ((again = await busy.PostAsync("/api/jobs", JsonBody("""{"command":"synthetic","options":{"items":1}}"""))).StatusCode == HttpStatusCode.TooManyRequests && tries++ < 50)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Submissions_over_the_rate_get_429_with_retry_after_per_identity()
    {
        var burst = factory.ClientFor("burst");
        for (var i = 0; i < LimitsApiFactory.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await burst.PostAsync("/api/jobs", JsonBody("{}"))).StatusCode);
        }

        var refused = await burst.PostAsync("/api/jobs", JsonBody("{}"));
        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("Limits:SubmissionsPerMinute", problem.GetProperty("detail").GetString());
        await AssertProblemAsync(await burst.PostAsync("/api/workspaces", Upload(Zip("a.md", "x"))), HttpStatusCode.TooManyRequests);

        // Reading is not rate limited, and another identity still submits.
        Assert.Equal(HttpStatusCode.OK, (await burst.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.ClientFor("reader").GetAsync("/api/jobs?take=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.ClientFor("ops").PostAsync("/api/jobs", JsonBody("{}"))).StatusCode);
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

public sealed class RunTimeLimitTests(RunTimeLimitApiFactory factory) : IClassFixture<RunTimeLimitApiFactory>
{
    [Fact]
    public async Task A_job_over_the_run_time_limit_ends_failed_with_the_reason_in_its_report()
    {
        var client = factory.ClientFor("alice");
        var id = await SubmitAsync(client, """{"command":"synthetic","options":{"items":4,"latencyMs":30000,"maxInstances":2}}""");
        var report = await WaitForReportAsync(client, id);
        Assert.Equal("failed", report.GetProperty("status").GetString());
        var notes = report.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToArray();
        Assert.Contains(notes, n => n!.Contains("run time limit", StringComparison.Ordinal));
        var snapshot = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}")).RootElement;
        Assert.Contains("run time limit of 00:00:01", snapshot.GetProperty("error").GetString());
    }
}
