using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.TestSupport;

/// <summary>
/// One instance of the real service (the built ParallelAgents.Api.dll) as an operating-system process on free
/// loopback ports, as an operator would start it; settings are passed as environment variables.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        process.ErrorDataReceived += (_, e) => Append(e.Data, _errors);
        process.OutputDataReceived += (_, e) => Append(e.Data, null);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>A client for the service's HTTP port.</summary>
    public HttpClient Http { get; }

    /// <summary>The HTTP port the service was started with (unless the arguments named other addresses).</summary>
    public int HttpPort { get; }

    /// <summary>The Orleans silo port.</summary>
    public int SiloPort { get; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the service wrote to standard error.</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Everything the service wrote, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The service's dll as built in the same configuration as the tests.</summary>
    public static string ServiceDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return RepositoryRoot.File("src", "ParallelAgents.Api", "bin", configuration, "net10.0", "ParallelAgents.Api.dll");
    }

    /// <summary>Fast failure detection for tests: 1 s probes, two misses, one vote.</summary>
    public static Dictionary<string, string> DurableSettings(string connectionString, string clusterId) => new()
    {
        ["Storage__Provider"] = "AzureStorage",
        ["Storage__ConnectionString"] = connectionString,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = clusterId,
        ["Orleans__AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:01",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Engine__RetryBaseDelay"] = "00:00:00.050",
    };

    /// <summary>
    /// Starts the service with <paramref name="settings"/> (environment form, <c>Section__Key</c>; a null value removes
    /// a variable inherited from the test process). Without <paramref name="arguments"/> it listens on
    /// <c>http://127.0.0.1:</c><see cref="HttpPort"/> (<paramref name="httpPort"/>, or a free port); <paramref name="dll"/>
    /// defaults to <see cref="ServiceDll"/>.
    /// </summary>
    public static ServiceProcess Start(IEnumerable<KeyValuePair<string, string?>> settings, IReadOnlyList<string>? arguments = null, string? dll = null, int? httpPort = null)
    {
        dll ??= ServiceDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the service first: {dll}");
        }

        var (http, silo, gateway) = (httpPort ?? FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments ?? ["--urls", $"http://127.0.0.1:{http}"]])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll)!,
        };
        info.Environment["Orleans__SiloPort"] = $"{silo}";
        info.Environment["Orleans__GatewayPort"] = $"{gateway}";
        info.Environment["Orleans__ClusterId"] = "process-tests-" + Guid.NewGuid().ToString("N");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Orleans"] = "Error";
        info.Environment["Workspaces__UploadRoot"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pa-process-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        return new ServiceProcess(Process.Start(info)!, http, silo);
    }

    /// <summary>Starts the service with <paramref name="settings"/> in environment form.</summary>
    public static ServiceProcess Start(IDictionary<string, string> settings) =>
        Start(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));

    /// <summary>Waits until <c>/health/ready</c> answers with success; throws when the process exits first.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => WaitForSuccessAsync("/health/ready", timeout);

    /// <summary>Waits until <paramref name="path"/> answers with success; throws when the process exits first.</summary>
    public async Task WaitForSuccessAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode}: {Errors}");
            }

            try
            {
                if ((await Http.GetAsync(path)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service did not answer {path} within {timeout}: {Errors}");
    }

    /// <summary>Waits until the service has written <paramref name="text"/>; false when it did not within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Waits for the process to end (its output read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown path runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Submits a job; its id.</summary>
    public async Task<string> SubmitAsync(string body)
    {
        var response = await Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Polls the job until <paramref name="until"/> holds for its snapshot.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await Http.GetAsync($"/api/jobs/{id}");
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (until(last))
                    {
                        return last;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Job {id} did not reach the expected state; last: {last}");
    }

    /// <summary>True for a snapshot of a job that has ended.</summary>
    public static bool IsTerminal(JsonElement snapshot) =>
        snapshot.GetProperty("status").GetString() is "completed" or "completedWithErrors" or "failed" or "cancelled";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line, StringBuilder? stream)
    {
        lock (_output)
        {
            _output.AppendLine(line);
            stream?.AppendLine(line);
        }
    }
}
