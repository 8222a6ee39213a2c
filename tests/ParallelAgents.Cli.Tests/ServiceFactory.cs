using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ParallelAgents.Cli.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) in the test process, on free Orleans ports.</summary>
public sealed class ServiceFactory : WebApplicationFactory<global::Program>
{
    public ServiceFactory()
    {
        WorkspaceRoot = Directory.CreateTempSubdirectory("pa-cli-tests-").FullName;
    }

    public string WorkspaceRoot { get; }

    public string UploadRoot => Path.Combine(WorkspaceRoot, ".uploads");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "cli-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Workspaces:AllowedRoots:0", WorkspaceRoot);
        builder.UseSetting("Workspaces:UploadRoot", UploadRoot);
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

[CollectionDefinition(Name)]
public sealed class ServiceTestCollection : ICollectionFixture<ServiceFactory>
{
    public const string Name = "service";
}
