using System.Diagnostics;

namespace ParallelAgents.Benchmarks;

/// <summary>The real service started as a separate process on free loopback ports.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress, int siloPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>User and system CPU time the service has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string>? environment = null, bool waitReady = true, string? root = null)
    {
        var dll = Path.Combine(root ?? ServiceRoot(), "src", "ParallelAgents.Api", "bin", Configuration(), "net10.0", "ParallelAgents.Api.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the service first: {dll}");
        }

        var port = Engine.InProcessService.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["Orleans__SiloPort"] = Engine.InProcessService.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Orleans__GatewayPort"] = Engine.InProcessService.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && Environment.GetEnvironmentVariable("BENCH_SERVICE_LOG") == "1") { Console.Error.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"), int.Parse(info.Environment["Orleans__SiloPort"]!, System.Globalization.CultureInfo.InvariantCulture));
        if (waitReady)
        {
            await service.WaitReadyAsync();
        }

        return service;
    }

    public int SiloPort { get; }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The service did not become ready within 90 s.");
    }

    /// <summary>
    /// The tree whose service build is started: this repository, or the one named by PARALLELAGENTS_SERVICE_ROOT, so
    /// one benchmark build can drive an older build of the service side by side with the current one.
    /// </summary>
    public static string ServiceRoot() => Environment.GetEnvironmentVariable("PARALLELAGENTS_SERVICE_ROOT") is { Length: > 0 } root ? root : RepositoryRoot();

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ParallelAgents.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ParallelAgents.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>
    /// Asks the service to stop (SIGTERM, as an orchestrator does) and waits up to <paramref name="timeout"/> for it to
    /// exit; the host's shutdown runs, so exporters flush what they hold. True when it exited in time.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
