using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>The runtime settings the service ships with (its runtimeconfig, which publishing copies into the image).</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_service_runs_the_throughput_collector_with_fixed_budgets()
    {
        // Beside the test assembly, as next to the service's own dll: the file the runtime reads at start-up.
        var path = Path.Combine(AppContext.BaseDirectory, "ParallelAgents.Api.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // One heap per core, collected on every core; DATAS off, so gen0 budgets do not start at one small heap.
        // The pool-vs-one-instance figures of docs/benchmarks.md depend on both.
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }
}
