namespace ParallelAgents.Dashboard.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) listening on a real loopback socket, so a browser can reach it.</summary>
public sealed class DashboardServer : InMemoryServiceFactory<Program>
{
    private readonly int _port = FreePorts.Next();

    public DashboardServer()
        : base("dashboard")
    {
        // A model-backed agent for the usage card: every answer takes a moment, so the page sees the job running.
        ModelServer = TestModelServer.StartAsync().GetAwaiter().GetResult();
        ModelServer.Script = r => TestModelServer.DefaultReply(r) with { Delay = TimeSpan.FromMilliseconds(1500) };
        Settings["Models:Providers:test:Kind"] = "OpenAI";
        Settings["Models:Providers:test:Endpoint"] = ModelServer.OpenAIEndpoint;
        Settings["Models:Providers:test:Model"] = "test-model";
        Settings["Models:Providers:test:ApiKey"] = "sk-dashboard-test";
        Settings["Models:Providers:test:InputCostPerMillionTokens"] = "1000";
        Settings["Models:Providers:test:OutputCostPerMillionTokens"] = "2000";
        Settings["Models:Default"] = "test";
        Settings["Logging:LogLevel:Default"] = "Warning";
        UseKestrel(_port);
        StartServer();
    }

    public Uri BaseAddress => new($"http://localhost:{_port}/");

    /// <summary>The language-model server the service's provider <c>test</c> calls.</summary>
    public TestModelServer ModelServer { get; }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await ModelServer.DisposeAsync();
    }
}
