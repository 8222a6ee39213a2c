using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ParallelAgents.Benchmarks.Prime;

/// <summary>Bytes allocated per type, from the runtime's allocation ticks (one event about every 100 KB allocated).</summary>
internal sealed class AllocationSampler : EventListener
{
    /// <summary>Sampled bytes by type name.</summary>
    public ConcurrentDictionary<string, long> Bytes { get; } = new();

    /// <summary>The largest types, as one line.</summary>
    public string Top(int count) =>
        string.Join(", ", Bytes.OrderByDescending(kv => kv.Value).Take(count).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value / 1048576.0:F1} MB")));

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Keyword 0x1 is GC; allocation ticks are written at verbose level.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is var t and >= 0 ? payload[t]?.ToString() ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(payload[a], CultureInfo.InvariantCulture) : 100_000;
        Bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
