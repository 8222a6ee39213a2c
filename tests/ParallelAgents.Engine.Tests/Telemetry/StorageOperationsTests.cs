using System.Diagnostics.Metrics;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Engine.Tests.Telemetry;

public sealed class StorageOperationsTests
{
    [Theory]
    [InlineData("blob", "PUT", "/devstoreaccount1/state-jobs/grain.bin", "", "PUT blob")]
    [InlineData("blob", "GET", "/state-jobs/a%2Fb.bin", "", "GET blob")]
    [InlineData("blob", "PUT", "/devstoreaccount1/state-jobs", "?restype=container", "PUT container")]
    [InlineData("blob", "GET", "/state-jobs", "?restype=container&comp=list&prefix=x", "GET container?comp=list")]
    [InlineData("blob", "PUT", "/c/b", "?comp=lease", "PUT blob?comp=lease")]
    [InlineData("blob", "GET", "/", "?restype=service&comp=properties", "GET service?comp=properties")]
    [InlineData("queue", "POST", "/devstoreaccount1/pa-progress-0/messages", "", "POST messages")]
    [InlineData("queue", "GET", "/pa-progress-0/messages", "?numofmessages=32", "GET messages")]
    [InlineData("queue", "GET", "/pa-progress-0/messages", "?peekonly=true", "GET messages?peekonly")]
    [InlineData("queue", "DELETE", "/devstoreaccount1/pa-progress-0/messages/4f1c", "?popreceipt=AgAAAA%3D%3D", "DELETE message")]
    [InlineData("queue", "PUT", "/devstoreaccount1/pa-progress-0", "", "PUT queue")]
    [InlineData("queue", "GET", "/pa-progress-0", "?comp=metadata", "GET queue?comp=metadata")]
    [InlineData("queue", "GET", "/devstoreaccount1/", "?comp=list", "GET queues")]
    [InlineData("table", "POST", "/devstoreaccount1/Tables", "", "POST tables")]
    [InlineData("table", "POST", "/OrleansReminders", "", "POST entities")]
    [InlineData("table", "GET", "/devstoreaccount1/OrleansReminders()", "?$filter=PartitionKey%20eq%20%27x%27", "GET entities")]
    [InlineData("table", "GET", "/OrleansReminders(PartitionKey='a',RowKey='b')", "", "GET entity")]
    [InlineData("table", "PATCH", "/OrleansReminders(PartitionKey='a',RowKey='b')", "", "PATCH entity")]
    [InlineData("table", "DELETE", "/devstoreaccount1/OrleansReminders(PartitionKey='a',RowKey='b')", "", "DELETE entity")]
    [InlineData("table", "POST", "/devstoreaccount1/$batch", "", "POST batch")]
    public void A_request_is_named_by_its_method_and_the_kind_of_resource_it_acts_on(string service, string method, string path, string query, string expected) =>
        Assert.Equal(expected, StorageOperations.Name(service, method, path, query));

    [Fact]
    public void Counts_are_kept_per_service_and_operation_and_read_as_the_storage_requests_counter()
    {
        var counter = new StorageRequestCounter();
        counter.Record("blob", "PUT blob");
        counter.Record("blob", "PUT blob");
        counter.Record("table", "POST entities");

        using var factory = new OneMeterFactory();
        counter.Observe(factory);
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobTelemetry.Name && instrument.Name == StorageRequestCounter.InstrumentName && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => (string)x.Value!);
            seen[t[StorageRequestCounter.ServiceTag] + " / " + t[StorageRequestCounter.OperationTag]] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, long> { ["blob / PUT blob"] = 2, ["table / POST entities"] = 1 }, seen);
        Assert.Equal(2, counter.Snapshot()[("blob", "PUT blob")]);
    }

    private sealed class OneMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
