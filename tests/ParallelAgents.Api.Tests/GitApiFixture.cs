using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Api.Tests;

/// <summary>
/// The service with git workspaces over real HTTP: a loopback git server that requires a bearer token, known to the
/// service as two hosts — <c>127.0.0.1</c> with the right token and <c>localhost</c> with a wrong one — and every
/// line the service logs kept for the tests to search.
/// </summary>
public sealed class GitApiFixture : IAsyncLifetime
{
    public const string WrongToken = "wrong_9d8c7b6a5f4e3d2c1b0a";

    public GitHttpServer Server { get; private set; } = null!;

    public GitApiFactory Factory { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await GitHttpServer.StartAsync("right_" + Guid.NewGuid().ToString("N"));
        Factory = new GitApiFactory(Logs);
        Factory.Settings["Workspaces:Git:AllowedHosts:0"] = "127.0.0.1";
        Factory.Settings["Workspaces:Git:AllowedHosts:1"] = "localhost";
        Factory.Settings["Workspaces:Git:Credentials:127.0.0.1:Token"] = Server.Token;
        Factory.Settings["Workspaces:Git:Credentials:localhost:Token"] = WrongToken;
        Factory.Settings["Workspaces:Git:AllowFileUrls"] = "true";
        Factory.Settings["Workspaces:Git:CacheRoot"] = Path.Combine(Factory.WorkspaceRoot, ".git-cache");
        Factory.Settings["Logging:LogLevel:Default"] = "Debug";
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>The in-memory service with a log capture.</summary>
public sealed class GitApiFactory(CapturingLoggerProvider logs) : InMemoryServiceFactory<Program>("git")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
    }
}

[CollectionDefinition(Name)]
public sealed class GitApiCollection : ICollectionFixture<GitApiFixture>
{
    public const string Name = "git-api";
}
