using System.Diagnostics;
using System.Text;

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
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "Auth__AllowAnonymous" })
        {
            start.Environment.Remove(name);
        }

        if (how == "--urls")
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(address);
        }
        else
        {
            start.Environment[how] = address;
        }

        start.Environment["Orleans__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePorts.Next().ToString();
        start.Environment["Orleans__ClusterId"] = "startup-guard-" + Guid.NewGuid().ToString("N");
        start.Environment["Workspaces__UploadRoot"] = Path.Combine(Path.GetTempPath(), "pa-startup-guard-" + Guid.NewGuid().ToString("N"));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (allowAnonymous)
        {
            start.Environment["Auth__AllowAnonymous"] = "true";
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            if (probe)
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                while (true)
                {
                    Assert.False(process.HasExited, $"The service exited: {output}");
                    try
                    {
                        if ((await client.GetAsync("/health/live", timeout.Token)).IsSuccessStatusCode)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }

                    await Task.Delay(200, timeout.Token);
                }

                // The warning is logged once the server has started; give the logger a moment to write it.
                for (var i = 0; i < 50 && !Contains(output, "No authentication is configured"); i++)
                {
                    await Task.Delay(100, timeout.Token);
                }

                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static bool Contains(StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }
}
