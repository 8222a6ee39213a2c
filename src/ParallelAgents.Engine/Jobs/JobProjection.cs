using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Metrics;
using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Engine.Jobs;

/// <summary>What clients see of a <see cref="JobState"/>: the snapshot, progress events, the job-list row, report records.</summary>
public static class JobProjection
{
    /// <summary>The job as it stands at <paramref name="now"/>.</summary>
    public static JobSnapshot Snapshot(string jobId, JobState job, DateTimeOffset now, string? coordinator)
    {
        var timings = Timings(job);
        var (progress, instances) = Progress(job, timings);
        var metrics = MetricsCalculator.Compute(timings, job.DispatchedAt, job.CompletedAt ?? now, job.AggregationMs);
        return new JobSnapshot(jobId, job.Spec!.Command, job.Status, job.CreatedAt, job.DispatchedAt, job.CompletedAt, instances, progress, metrics, job.Error, job.Degraded, job.Spec.Owner)
        {
            Coordinator = coordinator,
            Usage = job.Usage,
            BudgetStop = job.BudgetStop,
            Workspace = JobWorkspace.From(job.Spec.Workspace),
            Priority = job.Spec.Priority,
            QueuePosition = job.QueuePosition,
            QueuedSegments = job.QueuedSegments,
            Pool = job.Pool is { } pool && job.Planned && job.AllSegmentsFinished && metrics.WallMs > 0 ? pool with { ActualMakespanMs = Math.Round(Math.Max(0, metrics.WallMs - metrics.AggregationMs), 1) } : job.Pool,
        };
    }

    /// <summary>The event a <see cref="PublishProgress"/> effect asks for.</summary>
    public static ProgressEvent Event(string jobId, JobState job, PublishProgress effect, DateTimeOffset now, string? coordinator)
    {
        // Once per event, so only what the event carries: the progress line and its own instance.
        var timings = Timings(job);
        var etas = ProgressEstimator.SegmentEtas(timings);
        var instance = effect.Segment is { } i && i < job.Segments.Count ? Instance(job.Segments[i], etas) : null;
        return new ProgressEvent(
            jobId,
            effect.Sequence,
            effect.Kind,
            now,
            effect.Segment,
            effect.Message,
            job.Status,
            Summary(job, timings, etas),
            instance,
            effect.Full ? Snapshot(jobId, job, now, coordinator) : null);
    }

    /// <summary>The job's row in the job list.</summary>
    public static JobSummary Summary(JobSnapshot snapshot) =>
        new(snapshot.Id, snapshot.Command, snapshot.Status, snapshot.CreatedAt, snapshot.CompletedAt, snapshot.Instances.Count, snapshot.Metrics.Speedup, snapshot.Owner)
        {
            ItemsDone = snapshot.Progress.ItemsDone,
            ItemsTotal = snapshot.Progress.ItemsTotal,
            Percent = snapshot.Progress.Percent,
            Priority = snapshot.Priority,
            QueuePosition = snapshot.QueuePosition,
        };

    /// <summary>The job's whole view for the admission scheduler: what waits for a slot and which slots it holds.</summary>
    public static JobDemand Demand(string jobId, JobState job)
    {
        var waiting = job.Status.IsTerminal() || job.CancelRequested || job.TimedOut ? [] : job.Segments.Where(s => s.IsWaitingForSlot).ToArray();
        var held = job.Segments.Where(s => s.Slot is not null).GroupBy(s => s.Slot!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new JobDemand(jobId, job.Spec!.Priority, job.Spec.SubmittedAt, waiting.Length, waiting.Sum(s => s.Items.Count), held, job.LatencyBound);
    }

    /// <summary>Per-instance records for the report.</summary>
    public static IReadOnlyList<SegmentReport> SegmentReports(JobState job) =>
        [.. job.Segments.Select(s => new SegmentReport(
            s.Index, s.Key, s.Status, s.Items.Count, s.ItemErrors, s.Attempt, [.. s.Silos], s.Reassignments, s.BusyMs, [.. s.Failures]) { Usage = s.Usage })];

    /// <summary>The engine's statements for the report: how it ended, then what the plan and the run noted.</summary>
    public static IReadOnlyList<string> ReportNotes(JobState job)
    {
        var notes = new List<string>();
        if (job.Status == JobStatus.Failed && job.Error is not null)
        {
            notes.Add($"Job failed: {job.Error}");
        }

        if (job.CancelRequested)
        {
            notes.Add("The job was cancelled; the report holds the results finished before cancellation.");
        }

        notes.AddRange(job.Notes.Distinct(StringComparer.Ordinal));
        return notes;
    }

    private static (ProgressSummary Progress, IReadOnlyList<InstanceSnapshot> Instances) Progress(JobState job, SegmentTiming[] timings)
    {
        var etas = ProgressEstimator.SegmentEtas(timings);
        return (Summary(job, timings, etas), [.. job.Segments.Select(s => Instance(s, etas))]);
    }

    private static ProgressSummary Summary(JobState job, SegmentTiming[] timings, IReadOnlyDictionary<int, double?> etas)
    {
        var summary = job.Planned
            ? ProgressEstimator.Summarize(timings, job.Status.IsTerminal(), etas)
            : ProgressSummary.Empty with { ItemsTotal = job.ItemsTotal };
        return summary with { Usage = job.Usage };
    }

    private static InstanceSnapshot Instance(SegmentRecord s, IReadOnlyDictionary<int, double?> etas) =>
        new(s.Index, s.Key, s.Status, s.ItemsDone, s.Items.Count, s.Attempt, s.Silo, Math.Round(s.BusyMs, 3),
            etas.GetValueOrDefault(s.Index) is { } eta ? Math.Round(eta, 2) : null, s.Error)
        {
            Usage = s.Usage,
        };

    private static SegmentTiming[] Timings(JobState job) =>
        [.. job.Segments.Select(s => new SegmentTiming(s.Index, s.Key, s.Status, s.ItemsDone, s.Items.Count, s.BusyMs, s.FirstStartedAt, s.Cost))];
}
