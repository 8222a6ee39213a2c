using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Durability.Tests;

/// <summary>One instance of the real service as an operating-system process on loopback ports.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ServiceProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        process.ErrorDataReceived += (_, e) => { lock (_errors) { _errors.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public HttpClient Http { get; }

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
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

    public static ServiceProcess Start(IDictionary<string, string> settings)
    {
        var dll = Paths.ServiceDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the service first: {dll}");
        }

        var (http, silo, gateway) = (Paths.FreePort(), Paths.FreePort(), Paths.FreePort());
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{http}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["Orleans__SiloPort"] = $"{silo}";
        info.Environment["Orleans__GatewayPort"] = $"{gateway}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Orleans"] = "Error";
        info.Environment["Workspaces__UploadRoot"] = Path.Combine(Path.GetTempPath(), "pa-durable-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info)!, http, silo);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
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
                if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout}: {Errors}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown path runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<string> SubmitAsync(string body)
    {
        var response = await Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

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

    public static bool IsTerminal(JsonElement snapshot) =>
        snapshot.GetProperty("status").GetString() is "completed" or "completedWithErrors" or "failed" or "cancelled";

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
}
