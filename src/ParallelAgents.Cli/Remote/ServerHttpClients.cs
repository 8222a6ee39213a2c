using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ParallelAgents.Cli.Remote;

/// <summary>
/// HTTP clients for a server, from <see cref="IHttpClientFactory"/>. The resilience handler repeats safe requests
/// (GET) and requests carrying an Idempotency-Key (a submit) that meet 408, 429, 5xx (the service answers 503 with
/// Retry-After while the cluster recovers from a lost silo) or a refused connection, twice at most with jitter; any
/// other unsafe request (a cancel, an upload) is never sent twice. No overall
/// timeout: event streams stay open for the whole job, and <see cref="ServiceClient"/> times the other requests.
/// </summary>
public static class ServerHttpClients
{
    /// <summary>Name of the factory client.</summary>
    public const string Name = "parallel-agents-server";

    /// <summary>The header that makes a POST safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Repeats of a safe request after the first attempt.</summary>
    public const int MaxRetries = 2;

    private static readonly Lazy<ServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddServerHttpClient();
        return services.BuildServiceProvider();
    });

    /// <summary>A client for <paramref name="server"/>.</summary>
    public static HttpClient Create(Uri server)
    {
        var client = Services.Value.GetRequiredService<IHttpClientFactory>().CreateClient(Name);
        client.BaseAddress = server;
        return client;
    }

    /// <summary>Registers the factory client <see cref="Name"/>.</summary>
    public static IHttpClientBuilder AddServerHttpClient(this IServiceCollection services)
    {
        var builder = services.AddHttpClient(Name, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) });
        builder.AddResilienceHandler(Name, Configure);
        return builder;
    }

    /// <summary>The one retry layer of requests to the server.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            ShouldRetryAfterHeader = true,
        };
        var transient = retry.ShouldHandle;
        retry.ShouldHandle = async args =>
            args.Context.GetRequestMessage() is { } request
            && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options || request.Headers.Contains(IdempotencyKeyHeader))
            && await transient(args);
        builder.AddRetry(retry);
    }
}
