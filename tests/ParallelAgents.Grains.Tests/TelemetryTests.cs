using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Grains.Tests;

/// <summary>Traces and metrics of jobs on a three-silo cluster, read with the in-memory exporter and a meter listener.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly SwitchableSampler _sampler = new();
    private readonly TracerProvider _tracing;

    public TelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(JobTelemetry.Name)
            .SetSampler(_sampler)
            .AddInMemoryExporter(_spans)
            .Build()!;
    }

    public void Dispose() => _tracing.Dispose();

    [Fact]
    public async Task One_job_is_one_trace_whose_segments_ran_on_several_silos_with_their_items_under_them_and_the_metrics_match_it()
    {
        await using var cluster = await FailoverTests.StartAsync();
        using var metrics = new SiloMetrics(cluster);
        var id = await Jobs.SubmitAsync(cluster.Client, SyntheticCommand.Name, """{"items":24,"latencyMs":30,"maxInstances":6,"itemsPerInstance":1,"failureRate":0.25,"seed":7}""");
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(60));
        var report = (await cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        var spans = await JobSpansAsync(id, s => s.Any(a => a.OperationName == JobTelemetry.ReportSpan));

        var root = Assert.Single(spans, s => s.OperationName == JobTelemetry.SubmitSpan);
        Assert.All(spans, s => Assert.Equal(root.TraceId, s.TraceId));
        Assert.Single(spans, s => s.OperationName == JobTelemetry.PlanSpan);
        Assert.Single(spans, s => s.OperationName == JobTelemetry.AggregateSpan);
        var segments = spans.Where(s => s.OperationName == JobTelemetry.SegmentSpan).ToArray();
        Assert.Equal(done.Instances.Count, segments.Length);
        Assert.True(segments.Select(s => Tag(s, JobTelemetry.SiloAttribute)).Distinct().Count() > 1, "segments ran on one silo only");
        var items = spans.Where(s => s.OperationName == JobTelemetry.ItemSpan).ToArray();
        Assert.Equal(24, items.Length);
        foreach (var item in items)
        {
            var parent = Assert.Single(segments, s => s.SpanId == item.ParentSpanId);
            Assert.Equal(Tag(parent, JobTelemetry.SegmentAttribute), Tag(item, JobTelemetry.SegmentAttribute));
        }

        Assert.Equal(report.Errors.Count, items.Count(i => i.Status == ActivityStatusCode.Error));
        Assert.True(report.Errors.Count > 0);

        Assert.Equal(1, metrics.Sum("parallelagents.jobs.submitted"));
        Assert.Equal(1, metrics.Sum("parallelagents.jobs.completed", ("parallelagents.status", "completedWithErrors")));
        Assert.Equal(24 - report.Errors.Count, metrics.Sum("parallelagents.items.completed", ("parallelagents.outcome", "ok")));
        Assert.Equal(report.Errors.Count, metrics.Sum("parallelagents.items.completed", ("parallelagents.outcome", "error")));
        Assert.Equal(24, metrics.Count("parallelagents.item.duration"));
        Assert.Equal(0, metrics.Sum("parallelagents.segments.running"));
        Assert.Equal(done.Instances.Sum(i => i.Attempt), metrics.Count("parallelagents.segment.queue_wait"));
        Assert.Equal(done.Metrics.Speedup, Assert.Single(metrics.Values("parallelagents.job.speedup")), 6);
        Assert.Equal(0, metrics.Sum("parallelagents.segments.reassignments"));
    }

    [Fact]
    public async Task A_reassigned_segment_shows_both_attempts_in_the_trace_and_the_metrics()
    {
        await using var cluster = await FailoverTests.StartAsync();
        using var metrics = new SiloMetrics(cluster);
        var id = await Jobs.SubmitAsync(cluster.Client, SyntheticCommand.Name, """{"items":48,"latencyMs":200,"maxInstances":6,"itemsPerInstance":1}""");
        var running = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(60), s => s.Progress.ItemsDone >= 12);
        var victim = running.Instances
            .Where(i => i.State == SegmentStatus.Running && i.Silo is not null && i.Silo != running.Coordinator)
            .Select(i => i.Silo!)
            .First();
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == victim));
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(90));
        Assert.Equal(JobStatus.Completed, done.Status);
        var spans = await JobSpansAsync(id, s => s.Any(a => a.OperationName == JobTelemetry.ReportSpan));

        var moved = done.Instances.Where(i => i.Attempt > 1).ToArray();
        Assert.NotEmpty(moved);
        foreach (var segment in moved)
        {
            var attempts = spans
                .Where(s => s.OperationName == JobTelemetry.DispatchSpan && Tag(s, JobTelemetry.SegmentAttribute) == segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(s => int.Parse(Tag(s, JobTelemetry.AttemptAttribute)!, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            Assert.True(attempts.Length >= 2, $"segment {segment.Index} has {attempts.Length} attempt span(s)");
            Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
            Assert.Equal("lost", Tag(attempts[0], JobTelemetry.StatusAttribute));
            Assert.Equal("completed", Tag(attempts[^1], JobTelemetry.StatusAttribute));
        }

        Assert.True(metrics.Sum("parallelagents.segments.reassignments") >= moved.Length);
    }

    [Fact]
    public async Task A_job_whose_trace_is_dropped_records_no_span_on_any_silo()
    {
        // Roots are kept, except a job's own: a segment or an item that lost the job's context would start a root of
        // its own and be recorded.
        _sampler.Inner = new DropJobRoots();
        await using var cluster = await FailoverTests.StartAsync();
        var id = await Jobs.SubmitAsync(cluster.Client, SyntheticCommand.Name, """{"items":12,"latencyMs":10,"maxInstances":6,"itemsPerInstance":1}""");
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, done.Status);
        await Task.Delay(500);

        var spans = await JobSpansAsync(id, _ => false);
        Assert.Empty(spans.Select(s => s.OperationName));
    }

    [Fact]
    public async Task A_job_whose_trace_is_dropped_creates_only_its_items_spans_unrecorded_in_its_trace()
    {
        // A job submitted by a request that was not sampled: its stored context carries the not-sampled flag.
        _sampler.Inner = new ParentBasedSampler(new AlwaysOnSampler());
        var traceId = ActivityTraceId.CreateRandom();
        var created = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JobTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    created.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await FailoverTests.StartAsync();
        var id = Guid.NewGuid().ToString("N");
        var spec = new JobSpec(SyntheticCommand.Name, null, """{"items":12,"latencyMs":10,"maxInstances":6,"itemsPerInstance":1}""", null, DateTimeOffset.UtcNow)
        {
            TraceParent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-00",
        };
        await cluster.Client.GetGrain<ICommandGrain>(id).SubmitAsync(spec);
        var done = await Jobs.WaitAsync(cluster.Client, id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, done.Status);

        // The submit, plan, dispatch, segment, aggregate and report spans would record nothing: none is made. Each
        // item keeps an unrecorded span in the job's trace, for what it runs to start spans under.
        Assert.Equal(12, created.Count);
        Assert.All(created, a =>
        {
            Assert.Equal(JobTelemetry.ItemSpan, a.OperationName);
            Assert.False(a.Recorded);
            Assert.Empty(a.TagObjects);
        });
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    // Spans end (and reach the exporter) as their work finishes; the report's span is the last of a job.
    private async Task<Activity[]> JobSpansAsync(string jobId, Func<Activity[], bool> complete)
    {
        for (var i = 0; ; i++)
        {
            _tracing.ForceFlush();
            Activity[] spans;
            lock (_spans)
            {
                spans = [.. _spans.Where(s => Tag(s, JobTelemetry.JobIdAttribute) == jobId)];
            }

            if (complete(spans) || i > 100)
            {
                return spans;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A sampler a test can swap before its cluster starts; always on unless told otherwise.</summary>
    private sealed class SwitchableSampler : Sampler
    {
        public Sampler Inner { get; set; } = new AlwaysOnSampler();

        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) => Inner.ShouldSample(samplingParameters);
    }

    /// <summary>Drops a job's root (its submit span), keeps every other root, and follows the parent below a root.</summary>
    private sealed class DropJobRoots : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            if (samplingParameters.ParentContext.TraceId == default)
            {
                return new(samplingParameters.Name == JobTelemetry.SubmitSpan ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
            }

            return new(samplingParameters.ParentContext.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
        }
    }

    /// <summary>Every measurement of this cluster's silos' meters (each silo's meter comes from its own factory).</summary>
    private sealed class SiloMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public SiloMetrics(InProcessTestCluster cluster)
        {
            var factories = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IMeterFactory>()).ToHashSet();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == JobTelemetry.Name && instrument.Meter.Scope is IMeterFactory f && factories.Contains(f))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags.ToArray())));
            _listener.Start();
        }

        public double Sum(string name, (string Key, string Value)? tag = null) => Matching(name, tag).Sum(m => m.Value);

        public int Count(string name) => Matching(name, null).Count();

        public double[] Values(string name) => [.. Matching(name, null).Select(m => m.Value)];

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string name, (string Key, string Value)? tag) =>
            _measurements.Where(m => m.Name == name && (tag is not { } t || m.Tags.Any(kv => kv.Key == t.Key && Equals(kv.Value?.ToString(), t.Value))));
    }
}
