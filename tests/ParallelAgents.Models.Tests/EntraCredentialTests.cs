using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using ParallelAgents.Models.Caching;
using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Limits;

namespace ParallelAgents.Models.Tests;

/// <summary>Azure OpenAI without a key uses the host's Entra ID credential; a host without one is told to set the key.</summary>
public sealed class EntraCredentialTests
{
    private static readonly ModelTarget Target = new("azure", "gpt");

    [Fact]
    public void AzureOpenAIWithoutKey_OnAHostWithoutCredential_NamesTheKeySetting()
    {
        using var factory = Factory(entraTokens: null);

        var error = Assert.Throws<InvalidOperationException>(() => factory.GetClient(Target));

        Assert.Contains("Models:Providers:azure:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureOpenAIWithoutKey_OnAHostWithCredential_BuildsTheClient()
    {
        using var factory = Factory(new FixedTokens());

        Assert.NotNull(factory.GetClient(Target));
    }

    private static ModelClientFactory Factory(AuthenticationTokenProvider? entraTokens)
    {
        var options = new ModelsOptions();
        options.Providers["azure"] = new ModelProviderOptions { Kind = ModelProviderKind.AzureOpenAI, Endpoint = "https://example.openai.azure.com" };
        return new ModelClientFactory(Options.Create(options), new InProcessModelRateGate(), new InMemoryModelResponseStore(), entraTokens: entraTokens);
    }

    private sealed class FixedTokens : AuthenticationTokenProvider
    {
        public override GetTokenOptions? CreateTokenOptions(IReadOnlyDictionary<string, object> properties) => null;

        public override AuthenticationToken GetToken(GetTokenOptions options, CancellationToken cancellationToken) =>
            new("token", "Bearer", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AuthenticationToken> GetTokenAsync(GetTokenOptions options, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(options, cancellationToken));
    }
}
