namespace ParallelAgents.Dashboard.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) listening on a real loopback socket, so a browser can reach it.</summary>
public sealed class DashboardServer : InMemoryServiceFactory<Program>
{
    private readonly int _port = FreePorts.Next();

    public DashboardServer()
        : base("dashboard")
    {
        Settings["Logging:LogLevel:Default"] = "Warning";
        UseKestrel(_port);
        StartServer();
    }

    public Uri BaseAddress => new($"http://localhost:{_port}/");
}
