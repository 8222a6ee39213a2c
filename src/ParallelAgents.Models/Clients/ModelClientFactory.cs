using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;
using ParallelAgents.Models.Caching;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Limits;

namespace ParallelAgents.Models.Clients;

/// <summary>
/// Builds one <see cref="IChatClient"/> per (provider, model) through a <see cref="ChatClientBuilder"/> pipeline:
/// logging, OpenTelemetry, the response cache, the retry layer, the limiter, then the provider's SDK with its own
/// retries turned off so retries happen in one layer only.
/// </summary>
public sealed class ModelClientFactory(
    IOptions<ModelsOptions> options,
    IModelRateGate gate,
    IModelResponseStore store,
    ILoggerFactory? loggerFactory = null,
    TimeProvider? time = null,
    AuthenticationTokenProvider? entraTokens = null) : IDisposable
{
    /// <summary>Changes when prompts or the answer format change, so older cached answers are not reused.</summary>
    public const string PromptVersion = "agent-prompt-1";

    /// <summary>The OpenTelemetry source of model calls.</summary>
    public const string TelemetrySource = "ParallelAgents.Models";

    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);
    private readonly ModelResponseDistributedCache _cache = new(store);
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>The configured providers.</summary>
    public ModelsOptions Options => options.Value;

    /// <summary>The provider settings of <paramref name="target"/>.</summary>
    public ModelProviderOptions Provider(ModelTarget target) => options.Value.Providers[target.Provider];

    /// <summary>The pipeline for <paramref name="target"/>, built once.</summary>
    public IChatClient GetClient(ModelTarget target) => _clients.GetOrAdd(target.Key, _ => Build(target));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private IChatClient Build(ModelTarget target)
    {
        var provider = Provider(target);
        var retry = new ModelRetryOptions(provider.MaxAttempts, provider.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        var logger = _loggerFactory.CreateLogger<RetryingChatClient>();
        return new ChatClientBuilder(CreateSdkClient(target, provider))
            .UseLogging(_loggerFactory)
            .UseOpenTelemetry(_loggerFactory, TelemetrySource)
            .UseDistributedCache(_cache, c => c.CacheKeyAdditionalValues = [PromptVersion, target.Key])
            .Use(inner => new RetryingChatClient(inner, retry, target.Key, logger, time))
            .Use(inner => new RateLimitingChatClient(inner, gate, target, provider, time))
            .Build();
    }

    private IChatClient CreateSdkClient(ModelTarget target, ModelProviderOptions provider)
    {
        switch (provider.Kind)
        {
            case ModelProviderKind.OpenAI:
                {
                    var sdk = new OpenAIClientOptions
                    {
                        RetryPolicy = new ClientRetryPolicy(0),
                        NetworkTimeout = provider.Timeout,
                    };
                    if (!string.IsNullOrWhiteSpace(provider.Endpoint))
                    {
                        sdk.Endpoint = new Uri(provider.Endpoint);
                    }

                    // Local OpenAI-compatible servers ignore the key, but the SDK needs one to send.
                    var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(provider.ApiKey) ? "not-needed" : provider.ApiKey);
                    return new OpenAI.Chat.ChatClient(target.Model, key, sdk).AsIChatClient();
                }

            case ModelProviderKind.AzureOpenAI:
                return AzureOpenAIClients.Create(target, provider, entraTokens);
            case ModelProviderKind.Anthropic:
                {
                    var client = new AnthropicClient(new Anthropic.Core.ClientOptions
                    {
                        ApiKey = provider.ApiKey,
                        MaxRetries = 0,
                        Timeout = provider.Timeout,
                        BaseUrl = string.IsNullOrWhiteSpace(provider.Endpoint) ? "https://api.anthropic.com" : provider.Endpoint,
                    });
                    return client.AsIChatClient(target.Model);
                }

            default:
                throw new InvalidOperationException($"Provider '{target.Provider}' has an unknown kind '{provider.Kind}'.");
        }
    }
}
