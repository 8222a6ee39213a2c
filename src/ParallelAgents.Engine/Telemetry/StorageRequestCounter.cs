using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ParallelAgents.Engine.Telemetry;

/// <summary>
/// Counts storage requests by service and operation (see <see cref="StorageOperations"/>) for the life of the process,
/// every attempt a request makes included, and shows them as the <c>parallelagents.storage.requests</c> counter on
/// the service's meter. Created with the storage clients, before the host's services exist; thread-safe.
/// </summary>
public sealed class StorageRequestCounter
{
    /// <summary>The instrument's name.</summary>
    public const string InstrumentName = "parallelagents.storage.requests";

    /// <summary>Tag naming the service: blob, queue or table.</summary>
    public const string ServiceTag = "parallelagents.storage.service";

    /// <summary>Tag naming the operation, e.g. <c>PUT blob</c>.</summary>
    public const string OperationTag = "parallelagents.storage.operation";

    private readonly ConcurrentDictionary<(string Service, string Operation), Count> _counts = new();

    /// <summary>One request was sent.</summary>
    public void Record(string service, string operation) =>
        Interlocked.Increment(ref _counts.GetOrAdd((service, operation), static _ => new Count()).Value);

    /// <summary>The counts so far, by service and operation.</summary>
    public IReadOnlyDictionary<(string Service, string Operation), long> Snapshot() =>
        _counts.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value));

    /// <summary>Shows the counts on the <c>ParallelAgents</c> meter of <paramref name="factory"/>.</summary>
    public void Observe(IMeterFactory factory) =>
        factory.Create(JobTelemetry.Name).CreateObservableCounter(
            InstrumentName,
            () => Snapshot().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>(ServiceTag, c.Key.Service), new KeyValuePair<string, object?>(OperationTag, c.Key.Operation))),
            "{request}",
            "Requests sent to Azure Storage (every attempt), by service and operation.");

    private sealed class Count
    {
        public long Value;
    }
}
