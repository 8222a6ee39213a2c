using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ParallelAgents.Engine.Security;
using static ParallelAgents.Api.Tests.Security.ApiCalls;

namespace ParallelAgents.Api.Tests;

/// <summary>
/// Run after the parallel collections, alone: the OpenTelemetry SDK picks meters by name, so the ParallelAgents meters
/// of other test hosts running jobs in this process at the same time would be counted in this service's scrape too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrometheusCollection
{
    public const string Name = "prometheus";
}

/// <summary>A real Prometheus server scrapes the service's <c>/metrics</c> with an admin key and answers queries on the job counters.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusScrapeTests
{
    private const string SmallJob = """{"command":"synthetic","options":{"items":6}}""";
    private const string FailingJob = """{"command":"synthetic","options":{"items":6,"failureRate":0.5,"seed":7}}""";

    [Fact]
    public async Task Prometheus_scrapes_the_job_and_item_counters_as_exported()
    {
        PrometheusServer.EnsureInstalled();
        using var service = new ScrapedService();
        using var client = service.Client();
        var statuses = new List<string>();
        var itemsFailed = 0;
        foreach (var job in new[] { SmallJob, SmallJob, FailingJob })
        {
            var report = await WaitForReportAsync(client, await SubmitAsync(client, job));
            statuses.Add(report.GetProperty("status").GetString()!);
            itemsFailed += report.GetProperty("summary").GetProperty("itemsFailed").GetInt32();
        }

        Assert.Equal(["completed", "completed", "completedWithErrors"], statuses);
        Assert.InRange(itemsFailed, 1, 5);

        await using var prometheus = PrometheusServer.Start(service.Port, ScrapedService.AdminKey);
        var expected = new Dictionary<string, double>
        {
            ["up{job=\"parallel-agents\"}"] = 1,
            ["sum(parallelagents_jobs_submitted_total{parallelagents_command=\"synthetic\"})"] = 3,
            ["sum(parallelagents_jobs_completed_total{parallelagents_command=\"synthetic\",parallelagents_status=\"completed\"})"] = 2,
            ["sum(parallelagents_jobs_completed_total{parallelagents_status=\"completedWithErrors\"})"] = 1,
            ["sum(parallelagents_items_completed_total{parallelagents_outcome=\"ok\"})"] = 18 - itemsFailed,
            ["sum(parallelagents_items_completed_total{parallelagents_outcome=\"error\"})"] = itemsFailed,
            ["sum(parallelagents_job_duration_seconds_count)"] = 3,
            ["sum(parallelagents_item_duration_seconds_count)"] = 18,
        };

        var actual = await prometheus.QueryUntilAsync(expected, TimeSpan.FromSeconds(60));
        foreach (var (query, value) in expected)
        {
            Assert.True(actual.TryGetValue(query, out var got) && got == value,
                $"{query}: expected {value}, Prometheus answered {(actual.TryGetValue(query, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "no series")}.\n" +
                $"targets: {await prometheus.TargetsAsync()}\nprometheus log:\n{prometheus.Log}");
        }
    }

    /// <summary>The service with authentication on and the Prometheus endpoint, on a real loopback port for the server to scrape.</summary>
    private sealed class ScrapedService : InMemoryServiceFactory<Program>
    {
        public const string AdminKey = "prometheus-scrape-key-5b1e";

        public ScrapedService()
            : base("prometheus")
        {
            Port = FreePorts.Next();
            Settings["Telemetry:Prometheus:Enabled"] = "true";
            Settings["Auth:ApiKeys:0:Name"] = "prometheus";
            Settings["Auth:ApiKeys:0:Sha256"] = ApiKeyHasher.HashHex(AdminKey);
            Settings["Auth:ApiKeys:0:Scopes:0"] = Scopes.Admin;
            Settings["Logging:LogLevel:Default"] = "Warning";
            UseKestrel(Port);
            StartServer();
        }

        public int Port { get; }

        /// <summary>A client of the real socket with the admin key (admin grants every scope, so it submits and reads too).</summary>
        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{Port}/"), Timeout = TimeSpan.FromSeconds(90) };
            client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
            return client;
        }
    }

    /// <summary>Debian's <c>/usr/bin/prometheus</c> as a child process with a configuration, data folder and port of its own.</summary>
    private sealed class PrometheusServer : IAsyncDisposable
    {
        private const string ExecutablePath = "/usr/bin/prometheus";
        private readonly Process _process;
        private readonly string _folder;
        private readonly StringBuilder _log = new();
        private readonly HttpClient _http;

        private PrometheusServer(Process process, string folder, int port)
        {
            _process = process;
            _folder = folder;
            _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        /// <summary>What the server wrote (it logs to standard error).</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public static void EnsureInstalled()
        {
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException(
                    $"Prometheus was not found at {ExecutablePath}. Install it with `sudo bash scripts/install-prometheus.sh` " +
                    "(Debian package 'prometheus'; the script keeps the package's own service from running).");
            }
        }

        /// <summary>Starts a server that scrapes <c>localhost:<paramref name="targetPort"/>/metrics</c> every second, sending <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
        public static PrometheusServer Start(int targetPort, string apiKey)
        {
            var folder = Directory.CreateTempSubdirectory("pa-prometheus-").FullName;
            var config = Path.Combine(folder, "prometheus.yml");
            File.WriteAllText(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: parallel-agents
                    metrics_path: /metrics
                    authorization:
                      type: ApiKey
                      credentials: {apiKey}
                    static_configs:
                      - targets: ['localhost:{targetPort}']
                """);
            var port = FreePorts.Next();
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            })
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                return new PrometheusServer(Process.Start(start)!, folder, port);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }

        /// <summary>Queries until every query answers its expected value or the time is up; returns the last answers.</summary>
        public async Task<Dictionary<string, double>> QueryUntilAsync(IReadOnlyDictionary<string, double> expected, TimeSpan timeout)
        {
            var answers = new Dictionary<string, double>();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                foreach (var query in expected.Keys)
                {
                    if (await QueryAsync(query) is { } value)
                    {
                        answers[query] = value;
                    }
                }

                if (expected.All(e => answers.TryGetValue(e.Key, out var v) && v == e.Value) || clock.Elapsed > timeout || _process.HasExited)
                {
                    return answers;
                }

                await Task.Delay(500);
            }
        }

        /// <summary>The scrape targets as the server reports them (health, last error), for failure messages.</summary>
        public async Task<string> TargetsAsync()
        {
            try
            {
                return await _http.GetStringAsync("api/v1/targets");
            }
            catch (HttpRequestException e)
            {
                return $"(not answering: {e.Message}; exited: {_process.HasExited})";
            }
        }

        /// <summary>The single value of an instant query, or null when it has no series yet or the server is not up.</summary>
        private async Task<double?> QueryAsync(string query)
        {
            try
            {
                using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var result = document.RootElement.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 1
                    ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
                    : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
