using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Models.Tests;

public sealed class ProviderWireTests : IAsyncLifetime
{
    private TestModelServer _server = null!;

    public async Task InitializeAsync() => _server = await TestModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_streamed_answer_is_counted_from_its_final_usage_chunk()
    {
        _server.Script = _ => new ModelServerReply("{\"findings\": []}", PromptTokens: 33, CompletionTokens: 7);
        using var harness = new AgentHarness(_server);
        var client = harness.Services.GetRequiredService<ModelClientFactory>().GetClient(new ModelTarget("test", "test-model"));

        using var scope = ModelCallScope.Begin(cacheEnabled: false);
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hello"))
        {
            text += update.Text;
        }

        Assert.Equal("{\"findings\": []}", text);
        Assert.Equal(true, (bool?)_server.Requests[0].Body["stream"]);
        Assert.Equal((33, 7, 1), (scope.Usage.InputTokens, scope.Usage.OutputTokens, scope.Usage.Calls));
    }

    [Fact]
    public async Task The_agent_command_runs_on_anthropic_through_its_sdk()
    {
        using var harness = new AgentHarness(_server, new Dictionary<string, string?>
        {
            ["Models:Providers:claude:Kind"] = "Anthropic",
            ["Models:Providers:claude:Endpoint"] = _server.AnthropicEndpoint,
            ["Models:Providers:claude:Model"] = "claude-test",
            ["Models:Providers:claude:ApiKey"] = AgentHarness.ApiKey,
            ["Models:Aliases:sonnet"] = "claude/claude-sonnet",
        }).With(".claude/agents/r.md", "---\nname: reviewer\nmodel: sonnet\n---\nReview.\n").With("a.txt", "one\n");
        var run = await harness.RunAsync(new { agent = "reviewer", paths = new[] { "*.txt" } });
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("claude-sonnet", (string?)request.Body["model"]);
        Assert.Contains(AgentHarness.ApiKey, request.Authorization, StringComparison.Ordinal);
        Assert.Equal("a.txt", Assert.Single(run.Section.Findings).File);
        Assert.Equal(120, run.Summary.Usage.TotalTokens);
    }

    [Fact]
    public async Task A_429_from_anthropic_is_retried_after_the_delay_it_asks()
    {
        _server.Script = r => r.Number == 1 ? ModelServerReply.TooManyRequests(10) : TestModelServer.DefaultReply(r);
        using var harness = new AgentHarness(_server, new Dictionary<string, string?>
        {
            ["Models:Providers:test:Kind"] = "Anthropic",
            ["Models:Providers:test:Endpoint"] = _server.AnthropicEndpoint,
        }).With("a.txt", "one\n");
        var run = await harness.RunAsync(new { agent = "code-reviewer" });

        Assert.Null(Assert.Single(run.Results).Error);
        Assert.Equal((1, 1), (run.Summary.Usage.Throttled, run.Summary.Usage.Retries));
    }

    [Fact]
    public async Task Azure_openai_sends_the_key_in_the_api_key_header_to_the_v1_endpoint()
    {
        using var harness = new AgentHarness(_server, new Dictionary<string, string?>
        {
            ["Models:Providers:test:Kind"] = "AzureOpenAI",
            ["Models:Providers:test:Endpoint"] = _server.AnthropicEndpoint,
        }).With("a.txt", "one\n");
        var run = await harness.RunAsync(new { agent = "code-reviewer" });

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.EndsWith(AgentHarness.ApiKey, request.Authorization.Trim(), StringComparison.Ordinal);
        Assert.Single(run.Section.Findings);
    }
}
