using System.Diagnostics;
using System.Diagnostics.Metrics;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Telemetry;

/// <summary>
/// The service's meter (<c>ParallelAgents</c>, instruments named <c>parallelagents.*</c>), created through the host's
/// <see cref="IMeterFactory"/>, so a listener can tell one host's instruments from another's (the silos of a test
/// cluster in one process); an exporter subscribes by meter name and so takes every host of its process. Tagged by command and status, never by job id:
/// a tag per job would make every series unique.
/// </summary>
public sealed class ParallelAgentsMetrics
{
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _speedup;
    private readonly UpDownCounter<long> _segmentsRunning;
    private readonly Counter<long> _items;
    private readonly Histogram<double> _itemDuration;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _reassignments;
    private readonly Counter<long> _degradations;
    private volatile QueueFigures? _admissionQueue;

    /// <summary>Creates the instruments on a meter of <paramref name="factory"/>.</summary>
    public ParallelAgentsMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(JobTelemetry.Name);
        _submitted = meter.CreateCounter<long>("parallelagents.jobs.submitted", "{job}", "Jobs accepted.");
        _completed = meter.CreateCounter<long>("parallelagents.jobs.completed", "{job}", "Jobs that ended, by command and final status.");
        _jobDuration = meter.CreateHistogram<double>("parallelagents.job.duration", "s", "From submission to the end of the job.");
        _speedup = meter.CreateHistogram<double>("parallelagents.job.speedup", "1", "Busy time of all instances over wall time, of finished jobs that ran instances.");
        _segmentsRunning = meter.CreateUpDownCounter<long>("parallelagents.segments.running", "{segment}", "Segment attempts running on this silo.");
        _items = meter.CreateCounter<long>("parallelagents.items.completed", "{item}", "Work items finished, by command and outcome (ok, error, not_run).");
        _itemDuration = meter.CreateHistogram<double>("parallelagents.item.duration", "s", "How long one work item ran.");
        _queueWait = meter.CreateHistogram<double>("parallelagents.segment.queue_wait", "s", "From the coordinator sending an attempt until the segment started it.");
        _retries = meter.CreateCounter<long>("parallelagents.segments.retries", "{attempt}", "Segment attempts retried after an error.");
        _reassignments = meter.CreateCounter<long>("parallelagents.segments.reassignments", "{attempt}", "Segment attempts moved after losing their instance.");
        _degradations = meter.CreateCounter<long>("parallelagents.segments.degraded", "{segment}", "Segments whose remaining items ran sequentially on the coordinator.");

        // Only the silo that holds the cluster's admission scheduler reports these, so a sum over silos is the cluster's figure.
        meter.CreateObservableGauge("parallelagents.admission.queued_items", () => Queue(q => q.Items), "{item}", "Work items in segments waiting for an admission slot, cluster-wide: the signal a scale rule follows.");
        meter.CreateObservableGauge("parallelagents.admission.queued_segments", () => Queue(q => q.Segments), "{segment}", "Segments waiting for an admission slot, cluster-wide.");
    }

    /// <summary>A job was accepted.</summary>
    public void JobSubmitted(string command) => _submitted.Add(1, Command(command));

    /// <summary>A job ended.</summary>
    public void JobCompleted(JobSnapshot job)
    {
        var tags = new TagList { { JobTelemetry.CommandAttribute, job.Command }, { JobTelemetry.StatusAttribute, Camel(job.Status.ToString()) } };
        _completed.Add(1, tags);
        if (job.CompletedAt is { } end)
        {
            _jobDuration.Record(Math.Max(0, (end - job.CreatedAt).TotalSeconds), tags);
        }

        if (job.Metrics is { Instances: > 0, WallMs: > 0 } m)
        {
            _speedup.Record(m.Speedup, Command(job.Command));
        }
    }

    /// <summary>A segment attempt started on this silo, <paramref name="queueWait"/> after it was sent.</summary>
    public void SegmentStarted(string command, TimeSpan? queueWait)
    {
        _segmentsRunning.Add(1, Command(command));
        if (queueWait is { } wait)
        {
            _queueWait.Record(Math.Max(0, wait.TotalSeconds), Command(command));
        }
    }

    /// <summary>A segment attempt stopped on this silo.</summary>
    public void SegmentStopped(string command) => _segmentsRunning.Add(-1, Command(command));

    /// <summary>An item finished.</summary>
    public void ItemCompleted(string command, ItemResult result)
    {
        var outcome = result.NotRun ? "not_run" : result.Error is null ? "ok" : "error";
        _items.Add(1, new TagList { { JobTelemetry.CommandAttribute, command }, { "parallelagents.outcome", outcome } });
        if (!result.NotRun)
        {
            _itemDuration.Record(result.DurationMs / 1000, Command(command));
        }
    }

    /// <summary>The machine published an event that counts: a retry, a reassignment, a degradation.</summary>
    public void SegmentEvent(string command, ProgressEventKind kind)
    {
        switch (kind)
        {
            case ProgressEventKind.SegmentRetrying:
                _retries.Add(1, Command(command));
                break;
            case ProgressEventKind.SegmentReassigned:
                _reassignments.Add(1, Command(command));
                break;
            case ProgressEventKind.Degraded:
                _degradations.Add(1, Command(command));
                break;
        }
    }

    /// <summary>The admission queue changed on this silo's scheduler; null when the scheduler left the silo.</summary>
    public void AdmissionQueueMoved((int Segments, int Items)? queue) =>
        _admissionQueue = queue is { } q ? new QueueFigures(q.Segments, q.Items) : null;

    private IEnumerable<Measurement<long>> Queue(Func<QueueFigures, int> figure) =>
        _admissionQueue is { } queue ? [new Measurement<long>(figure(queue))] : [];

    private static KeyValuePair<string, object?> Command(string command) => new(JobTelemetry.CommandAttribute, command);

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    // One object, so a reader on the exporter's thread never sees half of an update.
    private sealed record QueueFigures(int Segments, int Items);
}
