using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Tests.Deps;

public class OsvApiClientTests
{
    private static readonly PackageQuery Flask = new(Ecosystems.PyPI, "flask", "0.12.2");

    /// <summary>The client over the same factory registration the service uses, so its retries and timeouts are the service's.</summary>
    private static OsvApiClient Client(FakeOsvServer server, ServiceProvider services) =>
        new(services.GetRequiredService<IHttpClientFactory>().CreateClient(OsvApiClient.HttpClientName), server.BaseUrl, services.GetRequiredService<IOptions<AdvisoryOptions>>().Value);

    private static ServiceProvider Http(double timeoutSeconds = 5, int attempts = 4)
    {
        var options = new AdvisoryOptions { ApiTimeoutSeconds = timeoutSeconds, ApiMaxAttempts = attempts, ApiRetryBaseDelayMs = 10 };
        var services = new ServiceCollection().AddSingleton(Options.Create(options));
        services.AddOsvHttpClient();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task RetriesTooManyRequestsAndServerErrorsThenFetchesDetails()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([429, 500]);
        server.Faults["/v1/vulns/"] = new([503]);
        using var http = Http();
        var lookup = await Client(server, http).LookupAsync([Flask, new(Ecosystems.PyPI, "flask", "2.0.0")], CancellationToken.None);

        var record = Assert.Single(lookup.Matches[Flask]);
        Assert.Equal("PYSEC-flask-versions", record.Id);
        Assert.Single(lookup.Matches);
        Assert.Equal(3, server.Log.Count(l => l == "POST /v1/querybatch"));
        Assert.Equal(2, server.Log.Count(l => l.StartsWith("GET /v1/vulns/", StringComparison.Ordinal)));
        Assert.Equal("api", lookup.Source.Kind);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), lookup.Source.DatabaseDate);
    }

    [Fact]
    public async Task ARequestThatTimesOutIsRetried()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([0]);
        // Long enough that a loaded machine still answers the second request in time; the first one hangs.
        using var http = Http(timeoutSeconds: 3);
        var lookup = await Client(server, http).LookupAsync([Flask], CancellationToken.None);
        Assert.True(lookup.Matches.ContainsKey(Flask));
        Assert.Equal(2, server.Log.Count(l => l == "POST /v1/querybatch"));
    }

    [Fact]
    public async Task GivesUpWithAnAdvisorySourceErrorAfterTheLastAttempt()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([500, 502, 503]);
        using var http = Http(attempts: 2);
        var error = await Assert.ThrowsAsync<AdvisorySourceException>(() => Client(server, http).LookupAsync([Flask], CancellationToken.None));
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Log.Count);
    }

    [Fact]
    public async Task SplitsIntoBatchesOfAtMostOneThousandAndCachesAnswers()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        using var http = Http();
        var client = Client(server, http);
        var queries = Enumerable.Range(0, 1500).Select(i => new PackageQuery(Ecosystems.Npm, $"pkg-{i}", "1.0.0")).Append(Flask).ToArray();
        var first = await client.LookupAsync(queries, CancellationToken.None);
        Assert.Equal(1000, server.LargestBatch);
        Assert.Equal(2, server.Log.Count(l => l == "POST /v1/querybatch"));
        Assert.Single(first.Matches);

        var before = server.Log.Count;
        var second = await client.LookupAsync([Flask], CancellationToken.None);
        Assert.Equal(before, server.Log.Count);
        Assert.Equal("PYSEC-flask-versions", Assert.Single(second.Matches[Flask]).Id);
    }

    [Fact]
    public async Task AClientErrorIsNotRetried()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([400]);
        using var http = Http();
        await Assert.ThrowsAsync<AdvisorySourceException>(() => Client(server, http).LookupAsync([Flask], CancellationToken.None));
        Assert.Single(server.Log);
    }
}
