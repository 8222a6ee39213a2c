using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Models.Tests;

/// <summary>The agent command with its services built from configuration, run over a temporary workspace like the engine runs it.</summary>
public sealed class AgentHarness : IDisposable
{
    /// <summary>The API key the tests configure; it must never appear in output.</summary>
    public const string ApiKey = "sk-test-0123456789abcdefSECRET";

    private readonly ServiceProvider _services;

    /// <summary>Builds the services with <paramref name="settings"/> on top of one OpenAI-compatible provider named <c>test</c>.</summary>
    public AgentHarness(TestModelServer server, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Models:Providers:test:Kind"] = "OpenAI",
            ["Models:Providers:test:Endpoint"] = server.OpenAIEndpoint,
            ["Models:Providers:test:Model"] = "test-model",
            ["Models:Providers:test:ApiKey"] = ApiKey,
            ["Models:Providers:test:MaxConcurrency"] = "2",
            ["Models:Providers:test:InputCostPerMillionTokens"] = "1000",
            ["Models:Providers:test:OutputCostPerMillionTokens"] = "2000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddModelAgentCommand();
        _services = services.BuildServiceProvider();
        Workspace = Directory.CreateTempSubdirectory("agent-ws-").FullName;
    }

    /// <summary>Every log line.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The workspace directory.</summary>
    public string Workspace { get; }

    /// <summary>The command.</summary>
    public AgentCommand Command => _services.GetRequiredService<AgentCommand>();

    /// <summary>The services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Writes a workspace file.</summary>
    public AgentHarness With(string path, string content)
    {
        var full = Path.Combine(Workspace, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Assesses, runs every item (<paramref name="parallel"/> at a time) and aggregates.</summary>
    public async Task<AgentRun> RunAsync(object options, string jobId = "job-1", int parallel = 8)
    {
        var context = Context(options, jobId);
        var assessment = await Command.AssessAsync(context, CancellationToken.None);
        var results = new List<ItemResult>();
        using var gate = new SemaphoreSlim(parallel);
        var tasks = assessment.Items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                return await Command.ExecuteAsync(context, item, CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        });
        results.AddRange(await Task.WhenAll(tasks));
        var section = await Command.AggregateAsync(context, results, CancellationToken.None);
        return new AgentRun(assessment, results, section);
    }

    /// <summary>The context the engine would give the command.</summary>
    public CommandContext Context(object options, string jobId = "job-1") =>
        new(jobId, new Workspace(Workspace), new CommandOptions(JsonSerializer.SerializeToNode(options) as JsonObject), _services);

    /// <inheritdoc />
    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(Workspace, recursive: true);
    }
}
