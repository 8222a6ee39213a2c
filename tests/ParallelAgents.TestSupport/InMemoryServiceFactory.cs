using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ParallelAgents.TestSupport;

/// <summary>
/// The real service (co-hosted silo, in-memory mode) in the test process: free Orleans ports, a cluster id of its
/// own, and a workspace root of its own that is the only allowed root and is deleted with the factory.
/// </summary>
/// <typeparam name="TEntryPoint">The service's <c>Program</c>.</typeparam>
public abstract class InMemoryServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly string _name;

    /// <summary>Creates the factory; <paramref name="name"/> labels its temporary folder and cluster id.</summary>
    protected InMemoryServiceFactory(string name)
    {
        _name = name;
        WorkspaceRoot = Directory.CreateTempSubdirectory($"pa-{name}-tests-").FullName;
    }

    /// <summary>The one allowed workspace root.</summary>
    public string WorkspaceRoot { get; }

    /// <summary>Where uploads are extracted.</summary>
    public string UploadRoot => Path.Combine(WorkspaceRoot, ".uploads");

    /// <summary>Settings (configuration keys) applied after the defaults; set them before the service starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", $"{_name}-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Workspaces:AllowedRoots:0", WorkspaceRoot);
        builder.UseSetting("Workspaces:UploadRoot", UploadRoot);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
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
