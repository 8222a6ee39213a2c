namespace ParallelAgents.Api.Tests.Security;

/// <summary>Starts the built service as a process, as an operator would, to see whether it agrees to run open.</summary>
public sealed class StartupGuardTests
{
    [Theory]
    [InlineData("--urls", "http://0.0.0.0:{port}")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "{port}")]
    [InlineData("--urls", "http://localhost:{port};http://[::]:{port2}")]
    public async Task Without_authentication_it_refuses_a_non_loopback_address(string how, string address)
    {
        var (exitCode, output) = await RunAsync(how, address, allowAnonymous: false, probe: false);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Refusing to start", output);
        Assert.Contains("Auth__ApiKeys", output);
        Assert.Contains("Auth__AllowAnonymous", output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}", false)]
    [InlineData("http://0.0.0.0:{port}", true)]
    public async Task It_runs_open_on_loopback_or_when_anonymous_access_is_allowed(string address, bool allowAnonymous)
    {
        var (_, output) = await RunAsync("--urls", address, allowAnonymous, probe: true);
        Assert.Contains("No authentication is configured", output);
        Assert.DoesNotContain("Refusing to start", output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string how, string address, bool allowAnonymous, bool probe)
    {
        var port = FreePorts.Next();
        address = address.Replace("{port}", port.ToString(), StringComparison.Ordinal).Replace("{port2}", FreePorts.Next().ToString(), StringComparison.Ordinal);

        // Addresses come only from what the test sets, never from the environment it runs in.
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["DOTNET_URLS"] = null,
            ["Auth__AllowAnonymous"] = allowAnonymous ? "true" : null,
        };
        string[] arguments = [];
        if (how == "--urls")
        {
            arguments = ["--urls", address];
        }
        else
        {
            settings[how] = address;
        }

        await using var service = ServiceProcess.Start(settings, arguments, typeof(Program).Assembly.Location, port);
        if (!probe)
        {
            return (await service.WaitForExitAsync(TimeSpan.FromSeconds(60)), service.Output);
        }

        await service.WaitForSuccessAsync("/health/live", TimeSpan.FromSeconds(60));

        // The warning is logged once the server has started; give the logger a moment to write it.
        await service.WaitForOutputAsync("No authentication is configured", TimeSpan.FromSeconds(5));
        service.Kill();
        return (await service.WaitForExitAsync(TimeSpan.FromSeconds(30)), service.Output);
    }
}
