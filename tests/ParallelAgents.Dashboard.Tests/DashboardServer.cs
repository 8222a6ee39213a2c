using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ParallelAgents.Dashboard.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) listening on a real loopback socket, so a browser can reach it.</summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    private readonly int _port = FreePorts.Next();

    public DashboardServer()
    {
        WorkspaceRoot = Directory.CreateTempSubdirectory("pa-dashboard-tests-").FullName;
        UseKestrel(_port);
        StartServer();
    }

    public string WorkspaceRoot { get; }

    public Uri BaseAddress => new($"http://localhost:{_port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "dashboard-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Workspaces:AllowedRoots:0", WorkspaceRoot);
        builder.UseSetting("Workspaces:UploadRoot", Path.Combine(WorkspaceRoot, ".uploads"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(WorkspaceRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
