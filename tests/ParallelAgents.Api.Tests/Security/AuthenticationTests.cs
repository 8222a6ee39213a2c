using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using static ParallelAgents.Api.Tests.Security.ApiCalls;

namespace ParallelAgents.Api.Tests.Security;

public sealed class AuthenticationTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    private const string SmallJob = """{"command":"synthetic","options":{"items":2}}""";

    [Theory]
    [InlineData("GET", "/api/jobs")]
    [InlineData("GET", "/api/commands")]
    [InlineData("GET", "/api/jobs/0000000000000000000000000000dead")]
    [InlineData("POST", "/api/jobs")]
    [InlineData("POST", "/api/workspaces")]
    [InlineData("POST", "/api/jobs/0000000000000000000000000000dead/cancel")]
    public async Task Missing_credentials_get_401_with_a_challenge_and_problem_details(string method, string url)
    {
        HttpContent? content = method != "POST" ? null : url.EndsWith("workspaces", StringComparison.Ordinal) ? Upload(Zip("a.txt", "x")) : JsonBody(SmallJob);
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToArray();
        Assert.Contains("ApiKey", challenges);
        Assert.Contains("Bearer", challenges);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task A_wrong_key_gets_401(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await AssertProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_compared_by_hash_so_sending_the_configured_hash_is_refused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Engine.Security.ApiKeyHasher.HashHex(SecureApiFactory.Identities["alice"].Key));
        await AssertProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_is_also_accepted_in_the_authorization_header()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SecureApiFactory.Identities["reader"].Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_naming_it()
    {
        var reader = factory.ClientFor("reader");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/commands")).StatusCode);
        var problem = await AssertProblemAsync(await reader.PostAsync("/api/jobs", JsonBody(SmallJob)), HttpStatusCode.Forbidden);
        Assert.Contains("jobs:submit", problem.GetProperty("detail").GetString());
        await AssertProblemAsync(await reader.PostAsync("/api/workspaces", Upload(Zip("a.txt", "x"))), HttpStatusCode.Forbidden);

        var writer = factory.ClientFor("writer");
        var id = await SubmitAsync(writer, SmallJob);
        problem = await AssertProblemAsync(await writer.GetAsync($"/api/jobs/{id}"), HttpStatusCode.Forbidden);
        Assert.Contains("jobs:read", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    [InlineData("/")]
    public async Task Health_openapi_swagger_and_dashboard_stay_anonymous(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(url)).StatusCode);

    [Fact]
    public async Task Another_identity_gets_404_for_a_job_and_admin_sees_it()
    {
        var alice = factory.ClientFor("alice");
        var bob = factory.ClientFor("bob");
        var ops = factory.ClientFor("ops");
        var id = await SubmitAsync(alice, """{"command":"synthetic","options":{"items":3,"latencyMs":50}}""");

        foreach (var url in new[] { $"/api/jobs/{id}", $"/api/jobs/{id}/events", $"/api/jobs/{id}/report" })
        {
            var problem = await AssertProblemAsync(await bob.GetAsync(url), HttpStatusCode.NotFound);
            Assert.Equal("No such job.", problem.GetProperty("title").GetString());
        }

        await AssertProblemAsync(await bob.PostAsync($"/api/jobs/{id}/cancel", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await ListIdsAsync(bob));

        var report = await WaitForReportAsync(alice, id);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        var snapshot = await alice.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("alice", snapshot.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync($"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync($"/api/jobs/{id}/report")).StatusCode);
        await Eventually(async () => (await ListIdsAsync(ops)).Contains(id) && (await ListIdsAsync(alice)).Contains(id));
        Assert.All(await ListOwnersAsync(alice), o => Assert.Equal("alice", o));
    }

    [Fact]
    public async Task An_upload_is_usable_only_by_its_uploader_and_admin()
    {
        var alice = factory.ClientFor("alice");
        var bob = factory.ClientFor("bob");
        var zip = Zip("README.md", "# hello\n");
        var aliceId = await UploadAsync(alice, zip);
        var bobId = await UploadAsync(bob, zip);
        Assert.NotEqual(aliceId, bobId);

        var body = JsonSerializer.Serialize(new { command = "synthetic", workspace = new { workspaceId = aliceId }, options = new { items = 1 } });
        var refused = await AssertProblemAsync(await bob.PostAsync("/api/jobs", JsonBody(body)), HttpStatusCode.BadRequest);
        Assert.Contains("No uploaded workspace has id", refused.GetProperty("errors").GetProperty("workspace.workspaceId")[0].GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsync("/api/jobs", JsonBody(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await factory.ClientFor("ops").PostAsync("/api/jobs", JsonBody(body))).StatusCode);
        var own = JsonSerializer.Serialize(new { command = "synthetic", workspace = new { workspaceId = bobId }, options = new { items = 1 } });
        Assert.Equal(HttpStatusCode.Accepted, (await bob.PostAsync("/api/jobs", JsonBody(own))).StatusCode);
    }

    [Fact]
    public async Task An_entra_token_with_app_roles_submits_and_reads_as_its_object_id()
    {
        var client = factory.ClientWithToken(SecureApiFactory.Token("11111111-2222-3333-4444-555555555555", ["jobs.submit", "jobs.read"]));
        var id = await SubmitAsync(client, SmallJob);
        var report = await WaitForReportAsync(client, id);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        var snapshot = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("11111111-2222-3333-4444-555555555555", snapshot.GetProperty("owner").GetString());
        await AssertProblemAsync(await factory.ClientFor("alice").GetAsync($"/api/jobs/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_entra_token_with_only_the_read_role_gets_403_on_submit()
    {
        var client = factory.ClientWithToken(SecureApiFactory.Token("reader-oid", ["jobs.read"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
        await AssertProblemAsync(await client.PostAsync("/api/jobs", JsonBody(SmallJob)), HttpStatusCode.Forbidden);
        var unknownRole = factory.ClientWithToken(SecureApiFactory.Token("someone", ["Directory.Read"]));
        await AssertProblemAsync(await unknownRole.GetAsync("/api/jobs"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tokens_for_another_audience_expired_or_wrongly_signed_get_401()
    {
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another signing key of at least 256 bits, unknown to the service"));
        foreach (var token in new[]
        {
            SecureApiFactory.Token("x", ["admin"], audience: "api://someone-else"),
            SecureApiFactory.Token("x", ["admin"], expires: DateTime.UtcNow.AddHours(-1)),
            SecureApiFactory.Token("x", ["admin"], key: otherKey),
            "not-a-jwt",
        })
        {
            await AssertProblemAsync(await factory.ClientWithToken(token).GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Openapi_declares_the_schemes_and_the_operations_requirements()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", apiKey.GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());

        var submit = document.GetProperty("paths").GetProperty("/api/jobs").GetProperty("post");
        var required = submit.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()).ToArray();
        Assert.Contains(required, r => r.Name == "ApiKey" && r.Value[0].GetString() == "jobs:submit");
        Assert.Contains(required, r => r.Name == "Bearer");
        var list = document.GetProperty("paths").GetProperty("/api/jobs").GetProperty("get");
        Assert.Contains(list.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()), r => r.Value[0].GetString() == "jobs:read");
        Assert.False(document.GetProperty("paths").TryGetProperty("/health/live", out var health) && health.GetProperty("get").TryGetProperty("security", out _));
    }

    private static async Task<string> UploadAsync(HttpClient client, byte[] zip)
    {
        var response = await client.PostAsync("/api/workspaces", Upload(zip));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workspaceId").GetString()!;
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500")).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];

    private static async Task<List<string?>> ListOwnersAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500")).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("owner").GetString())];

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition());
    }
}
