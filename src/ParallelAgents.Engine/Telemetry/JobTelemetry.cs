using System.Diagnostics;

namespace ParallelAgents.Engine.Telemetry;

/// <summary>
/// The service's trace source and the names of its spans and attributes. One trace per job: the submission's span is
/// the root every later span of the job joins (planning, each segment attempt on whichever silo, each item, the
/// aggregation and the report), through the trace context stored with the job, so a coordinator that moved silos
/// still adds to the same trace.
/// </summary>
public static class JobTelemetry
{
    /// <summary>Name of the activity source and of the meter.</summary>
    public const string Name = "ParallelAgents";

    /// <summary>Span names.</summary>
    public const string SubmitSpan = "parallelagents.job.submit";

    /// <summary>Assessing the workspace and planning the segments.</summary>
    public const string PlanSpan = "parallelagents.job.plan";

    /// <summary>One attempt of a segment, as the coordinator follows it.</summary>
    public const string DispatchSpan = "parallelagents.segment.dispatch";

    /// <summary>One attempt of a segment, on the silo that runs it.</summary>
    public const string SegmentSpan = "parallelagents.segment.run";

    /// <summary>One work item.</summary>
    public const string ItemSpan = "parallelagents.item";

    /// <summary>Merging the results.</summary>
    public const string AggregateSpan = "parallelagents.job.aggregate";

    /// <summary>Writing the report.</summary>
    public const string ReportSpan = "parallelagents.job.report";

    /// <summary>Attribute names.</summary>
    public const string JobIdAttribute = "parallelagents.job.id";

    /// <summary>The command.</summary>
    public const string CommandAttribute = "parallelagents.command";

    /// <summary>The segment's index.</summary>
    public const string SegmentAttribute = "parallelagents.segment.index";

    /// <summary>The segment's partition key(s).</summary>
    public const string SegmentKeyAttribute = "parallelagents.segment.key";

    /// <summary>The attempt number.</summary>
    public const string AttemptAttribute = "parallelagents.attempt";

    /// <summary>The silo the span ran on.</summary>
    public const string SiloAttribute = "parallelagents.silo";

    /// <summary>The work item.</summary>
    public const string ItemAttribute = "parallelagents.item.id";

    /// <summary>A job's or a segment's final status.</summary>
    public const string StatusAttribute = "parallelagents.status";

    /// <summary>The segment ran degraded, on the coordinator.</summary>
    public const string DegradedAttribute = "parallelagents.degraded";

    /// <summary>The source every span of the service starts from.</summary>
    public static ActivitySource Source { get; } = new(Name, typeof(JobTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts a span of the job whose trace context is <paramref name="traceParent"/> (W3C <c>traceparent</c>); with
    /// none, under the current span. Null when nobody listens, and null when the job's trace is dropped (its stored
    /// context says not sampled) unless <paramref name="carrier"/>: the span would record nothing, and the callers
    /// hand the stored context on themselves (<see cref="ContextOf"/>), so the job keeps its one trace id and its
    /// not-sampled flag at no cost. A carrier is a span that other code starts spans under through
    /// <see cref="Activity.Current"/> (an item's, around model calls and HTTP requests): without it they would find no
    /// parent and start traces of their own, sampled again.
    /// </summary>
    /// <remarks>
    /// The stored context is taken as a remote parent: it was written on another silo or before a restart, and a
    /// sampler that drops a job's spans still hands out an unrecorded span for a remote parent (a carrier), whose
    /// context (with its not-sampled flag) the next hop inherits. Tags are set only on recorded spans.
    /// </remarks>
    public static Activity? Start(string name, string? traceParent, string jobId, string command, ActivityKind kind = ActivityKind.Internal, bool carrier = false)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity;
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            if (!carrier && !parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded))
            {
                return null;
            }

            activity = Source.StartActivity(name, kind, parent);
        }
        else
        {
            activity = Source.StartActivity(name, kind);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobIdAttribute, jobId);
            activity.SetTag(CommandAttribute, command);
        }

        return activity;
    }

    /// <summary>
    /// The trace context the job's next hop joins: the span's own when there is one (recorded or not), else the one it
    /// would have joined, so a job whose spans are dropped keeps its one trace id and its not-sampled flag throughout.
    /// </summary>
    public static string? ContextOf(Activity? activity, string? parent) => activity?.Id ?? parent;

    /// <summary>Marks the span failed with <paramref name="error"/>, recording the exception as an event when there is one.</summary>
    public static void Fail(Activity? activity, string error, Exception? exception = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error);
        if (exception is not null)
        {
            activity.AddException(exception);
        }
    }
}
