using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using ParallelAgents.Models.Configuration;

namespace ParallelAgents.Models.Clients;

/// <summary>
/// Azure OpenAI through the OpenAI SDK against the resource's v1 endpoint (<c>{Endpoint}/openai/v1</c>), with the key
/// in the <c>api-key</c> header or, without a key, a Microsoft Entra ID token from the host's credential (the service
/// registers managed identity; a host without one, such as the CLI, needs the key). Azure.AI.OpenAI 2.1.0 is not used: against OpenAI 2.15 its own chat methods throw
/// MissingMethodException (docs/agents.md, "Why not Azure.AI.OpenAI").
/// </summary>
internal static class AzureOpenAIClients
{
    private const string Scope = "https://cognitiveservices.azure.com/.default";

    public static IChatClient Create(ModelTarget target, ModelProviderOptions provider, AuthenticationTokenProvider? entraTokens)
    {
        var endpoint = provider.Endpoint!.TrimEnd('/');
        var sdk = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? endpoint : endpoint + "/openai/v1"),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = provider.Timeout,
        };
        AuthenticationPolicy policy = string.IsNullOrWhiteSpace(provider.ApiKey)
            ? new BearerTokenPolicy(entraTokens ?? throw new InvalidOperationException(
                $"Models:Providers:{target.Provider}:ApiKey is not set and this host has no Microsoft Entra ID credential; set the key."), Scope)
            : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(provider.ApiKey), "api-key");
        // The policy constructor is marked for evaluation; it is the SDK's only way to send an Entra token or the api-key header.
#pragma warning disable OPENAI001
        return new OpenAIClient(policy, sdk).GetChatClient(target.Model).AsIChatClient();
#pragma warning restore OPENAI001
    }
}
