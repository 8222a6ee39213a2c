using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Engine.Planning;
using ParallelAgents.Engine.Planning.History;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Hosting;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Grains.Jobs;

/// <summary>
/// The job's own work on its coordinator: assess and plan; read the ledgers and aggregate. Each answers the machine
/// when done. Runs on the grain's scheduler, like <see cref="SegmentAttempts"/>.
/// </summary>
public sealed class JobSteps(
    string jobId,
    CommandRegistry registry,
    JobContextFactory contexts,
    IWorkspaceResolver workspaces,
    int maxWorkItems,
    JobHistory history,
    ILogger logger,
    Func<int, ISegmentGrain> segments,
    Func<Func<JobMachine, IReadOnlyList<JobEffect>>, Task> answer,
    CancellationToken stop)
{
    /// <summary>Planning is in progress.</summary>
    public bool Planning { get; private set; }

    /// <summary>Aggregation is in progress.</summary>
    public bool Aggregating { get; private set; }

    /// <summary>The last aggregation's result, for the report.</summary>
    public JobAggregate? Aggregate { get; private set; }

    /// <summary>Assesses the workspace and plans the segments.</summary>
    public async Task PlanAsync(JobState job)
    {
        // Let the submitting call return before a possibly long assessment starts.
        await Task.Yield();
        Planning = true;
        Func<JobMachine, IReadOnlyList<JobEffect>> next;
        var activity = JobTelemetry.Start(JobTelemetry.PlanSpan, job.Spec!.TraceParent, jobId, job.Spec.Command);
        try
        {
            // Only the job list hears of it; the assessment does not wait for that.
            _ = answer(m => m.PlanningStarted());
            var spec = job.Spec!;
            var command = registry.Get(spec.Command);

            // A git ref is fixed to its commit here, once, and stored before any segment is sent.
            var pinned = await workspaces.PinAsync(spec.Workspace, stop);
            if (!ReferenceEquals(pinned, spec.Workspace))
            {
                await answer(m => m.WorkspacePinned(pinned!));
                spec = spec with { Workspace = pinned };
            }

            var context = await contexts.GetForCoordinatorAsync(jobId, spec, stop);
            if (context.Changes is { } changes && spec.Workspace?.ChangedSince is { } change && change.Files != changes.Count)
            {
                // The number of files considered is part of the job from here on: the snapshot and the report show it.
                var counted = spec.Workspace with { ChangedSince = change with { Files = changes.Count } };
                await answer(m => m.WorkspacePinned(counted));
                spec = spec with { Workspace = counted };
            }

            var assessment = await command.AssessAsync(context, stop);
            if (maxWorkItems > 0 && assessment.Items.Count > maxWorkItems)
            {
                throw new InvalidOperationException($"The job has {assessment.Items.Count} work items; at most {maxWorkItems} are allowed (Engine:MaxWorkItemsPerJob).");
            }

            var settings = PoolSettings.Resolve(command.Descriptor.Pool, context.Options);
            var strategy = assessment.Strategy ?? command.Descriptor.Strategy;
            var learned = settings.UseHistory ? await history.GetAsync(spec.Command) : null;
            var plan = learned is null
                ? JobPlanner.Plan(assessment.Items, settings, strategy)
                : HistoryPlanner.Plan(assessment.Items, settings, strategy, learned, await history.CapacityAsync(assessment.LatencyBound), choosePool: !settings.Explicit);
            Log.JobPlanned(logger, jobId, spec.Command, assessment.Items.Count, plan.Segments.Count);
            activity?.SetTag("parallelagents.items", assessment.Items.Count);
            activity?.SetTag("parallelagents.segments", plan.Segments.Count);
            IReadOnlyList<string> notes = context.Changes is { } considered ? [considered.Note(), .. assessment.Notes ?? []] : assessment.Notes ?? [];
            next = m => m.Planned(plan.Segments, assessment.Items.Count, assessment.Findings ?? [], notes, DateTimeOffset.UtcNow, assessment.Budget, plan.Pool, assessment.LatencyBound);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            next = m => m.PlanningFailed(null);
        }
        catch (Exception e)
        {
            Log.JobFailed(logger, e, jobId);
            JobTelemetry.Fail(activity, e.Message, e);
            next = m => m.PlanningFailed(e.Message);
        }
        finally
        {
            Planning = false;
            activity?.Dispose();
        }

        await answer(next);
    }

    /// <summary>Reads every ledger and runs the command's aggregation; a failing aggregation keeps the items' findings.</summary>
    public async Task AggregateAsync(JobState job)
    {
        await Task.Yield();
        Aggregating = true;
        var activity = JobTelemetry.Start(JobTelemetry.AggregateSpan, job.Spec!.TraceParent, jobId, job.Spec.Command);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var spec = job.Spec!;
            var read = await LedgerReader.ReadAsync(job, segments);
            var results = read.Results.Select(r => r.Result).ToArray();
            string? error = null;
            ReportSection section;
            try
            {
                var context = await contexts.GetForCoordinatorAsync(jobId, spec, CancellationToken.None);
                section = await registry.Get(spec.Command).AggregateAsync(context, results, CancellationToken.None);
            }
            catch (Exception e)
            {
                error = $"Aggregation failed: {Text.FirstLine(e.Message)}";
                JobTelemetry.Fail(activity, error, e);
                section = new ReportSection([.. results.SelectMany(r => r.Findings)], []);
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var itemErrors = results.Count(r => r.Error is not null);
            Aggregate = new JobAggregate(section with { Findings = [.. job.AssessmentFindings, .. section.Findings] }, read, itemErrors, error, ms);
            activity?.SetTag("parallelagents.findings", Aggregate.Section.Findings.Count);
            activity?.Dispose();
            activity = null;
            await answer(m => m.Finish(read.CountsBySegment, itemErrors, read.Problems, error, ms, DateTimeOffset.UtcNow));
        }
        finally
        {
            Aggregating = false;
            activity?.Dispose();
        }
    }

    /// <summary>
    /// The last aggregation's results, handed over once the report is stored: from here the job's results live only in
    /// its ledgers and its report, not on its coordinator, which stays activated for the replay window.
    /// </summary>
    public IReadOnlyList<ItemResult> Release()
    {
        IReadOnlyList<ItemResult> results = Aggregate?.Read.Results.Select(r => r.Result).ToArray() ?? [];
        Aggregate = null;
        return results;
    }

    /// <summary>Builds the job's report from the last aggregation and stores it, under the job's report span.</summary>
    public async Task WriteReportAsync(JobState job, JobSnapshot snapshot, JobRecords records)
    {
        var aggregate = Aggregate!;
        using var activity = JobTelemetry.Start(JobTelemetry.ReportSpan, job.Spec!.TraceParent, jobId, job.Spec.Command);
        activity?.SetTag(JobTelemetry.StatusAttribute, job.Status.ToString());
        await records.WriteReportAsync(ReportBuilder.Build(
            snapshot, job.AgentRole, aggregate.Section, JobProjection.SegmentReports(job), aggregate.Read.Results, JobProjection.ReportNotes(job)));
    }
}
