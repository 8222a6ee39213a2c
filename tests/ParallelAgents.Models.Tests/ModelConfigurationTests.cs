using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;

namespace ParallelAgents.Models.Tests;

public sealed class ModelConfigurationTests
{
    [Fact]
    public void A_bad_provider_setting_fails_naming_its_key()
    {
        var options = new ModelsOptions { Default = "missing" };
        options.Providers["azure"] = new ModelProviderOptions { Kind = ModelProviderKind.AzureOpenAI, Model = "gpt", MaxConcurrency = 0 };
        options.Aliases["opus"] = "nobody/claude";

        var result = new ModelsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Models:Providers:azure:Endpoint", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Models:Providers:azure:MaxConcurrency", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Models:Default", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Models:Aliases:opus", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agent_files_model_alias_chooses_provider_and_model()
    {
        var options = new ModelsOptions { Default = "local" };
        options.Providers["local"] = new ModelProviderOptions { Model = "qwen" };
        options.Providers["claude"] = new ModelProviderOptions { Kind = ModelProviderKind.Anthropic, Model = "claude-haiku" };
        options.Aliases["opus"] = "claude/claude-opus";

        Assert.Equal(new ModelTarget("claude", "claude-opus"), ModelResolver.Resolve(options, null, null, "opus").Target);
        Assert.Equal(new ModelTarget("local", "qwen"), ModelResolver.Resolve(options, null, null, "haiku").Target);
        Assert.Equal(new ModelTarget("claude", "x"), ModelResolver.Resolve(options, "CLAUDE", "x", "opus").Target);
        Assert.Contains("Unknown provider 'nope'", ModelResolver.Resolve(options, "nope", null, null).Error, StringComparison.Ordinal);
        Assert.Contains("No language-model provider", ModelResolver.Resolve(new ModelsOptions(), null, null, null).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1500", "1", 1500d)]
    [InlineData(null, "2", 2000d)]
    [InlineData("bad", null, null)]
    public void Retry_after_ms_wins_over_retry_after(string? ms, string? seconds, double? expectedMs) =>
        Assert.Equal(expectedMs, ModelErrorClassifier.RetryAfter(ms, seconds)?.TotalMilliseconds);
}
