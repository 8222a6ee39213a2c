using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Api.Tests;

/// <summary>The admission scheduler takes a silo's load from the host's <see cref="ISiloLoadProbe"/>.</summary>
public sealed class SiloLoadProbeTests : IAsyncLifetime
{
    private readonly FixedProbe _probe = new();
    private ProbeFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ProbeFactory(_probe);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_probes_cores_set_the_budget_and_its_cpu_pressure_lowers_it()
    {
        using var client = _factory.CreateClient();
        var idle = await SiloAsync(client, s => s.GetProperty("cores").GetInt32() == 3);
        Assert.Equal(3, idle.GetProperty("budget").GetInt32());

        _probe.CpuPercent = 99;
        var loaded = await SiloAsync(client, s => s.GetProperty("cpuPercent").GetDouble() >= 99);
        Assert.True(loaded.GetProperty("budget").GetInt32() < 3, loaded.GetRawText());
    }

    // The silo reports every Scheduling:ReportInterval: wait for a report that shows the probe's latest figures.
    private static async Task<JsonElement> SiloAsync(HttpClient client, Func<JsonElement, bool> reported)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var scheduler = await client.GetFromJsonAsync<JsonElement>("/api/scheduler");
            var silos = scheduler.GetProperty("silos").EnumerateArray().ToList();
            if (silos.Count == 1 && reported(silos[0]))
            {
                return silos[0];
            }

            Assert.True(DateTime.UtcNow < deadline, "No load report with the probe's figures: " + scheduler.GetRawText());
            await Task.Delay(100);
        }
    }

    private sealed class FixedProbe : ISiloLoadProbe
    {
        private volatile int _cpuPercent = 5;

        public int CpuPercent
        {
            get => _cpuPercent;
            set => _cpuPercent = value;
        }

        public SiloCapacity Measure() => new("probe-silo", 3, CpuPercent, 1L << 30, 64L << 30, 64L << 30, DateTimeOffset.UtcNow);
    }

    private sealed class ProbeFactory(ISiloLoadProbe probe) : InMemoryServiceFactory<Program>("probe")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton(probe));
        }
    }
}
