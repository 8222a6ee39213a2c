using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Remote;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;

namespace ParallelAgents.Cli.Tests;

public sealed class ServerHttpClientsTests
{
    [Fact]
    public async Task A_read_that_meets_a_recovering_cluster_is_repeated()
    {
        var server = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var http = Client(server);
        using var response = await http.GetAsync("api/jobs/j1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task A_submit_with_an_idempotency_key_is_repeated_with_the_same_key()
    {
        var server = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted);
        using var http = Client(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent("{}") };
        request.Headers.Add(ServerHttpClients.IdempotencyKeyHeader, "k-1");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, server.Calls);
        Assert.Equal(["k-1", "k-1"], server.Keys);
    }

    [Fact]
    public async Task A_run_submitted_through_the_service_client_is_repeated_after_a_503_under_one_key()
    {
        var run = new RunSnapshot("r1", RunStatus.Running, JobPriority.Normal, DateTimeOffset.UtcNow, null, 0, [], null);
        var server = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted) { Body = JsonSerializer.Serialize(run, ReportJson.Compact) };
        using var service = new ServiceClient(Client(server), new Uri("http://service.test/"), null);
        var answered = await service.SubmitRunAsync(new JsonObject { ["jobs"] = new JsonArray() }, CancellationToken.None);
        Assert.Equal("r1", answered.Id);
        Assert.Equal(2, server.Calls);
        Assert.Equal(2, server.Keys.Count);
        Assert.Single(server.Keys.Distinct());
    }

    [Fact]
    public async Task A_submit_without_a_key_is_never_sent_twice()
    {
        var server = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var http = Client(server);
        using var response = await http.PostAsync("api/jobs", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task A_read_that_keeps_failing_gives_up_after_the_bound()
    {
        var server = new ScriptedHandler([.. Enumerable.Repeat(HttpStatusCode.BadGateway, 10)]);
        using var http = Client(server);
        using var response = await http.GetAsync("api/jobs");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1 + ServerHttpClients.MaxRetries, server.Calls);
    }

    private static HttpClient Client(ScriptedHandler server)
    {
        var services = new ServiceCollection();
        services.AddServerHttpClient().ConfigurePrimaryHttpMessageHandler(() => server);
        var client = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(ServerHttpClients.Name);
        client.BaseAddress = new Uri("http://service.test/");
        return client;
    }

    private sealed class ScriptedHandler(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public List<string> Keys { get; } = [];

        public string? Body { get; init; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            if (request.Headers.TryGetValues(ServerHttpClients.IdempotencyKeyHeader, out var keys))
            {
                lock (Keys)
                {
                    Keys.AddRange(keys);
                }
            }

            var response = new HttpResponseMessage(answers[Math.Min(n, answers.Length) - 1]) { RequestMessage = request };
            if (Body is not null)
            {
                response.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            }

            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
            return Task.FromResult(response);
        }
    }
}
