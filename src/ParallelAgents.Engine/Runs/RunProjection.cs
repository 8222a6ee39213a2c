using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Runs;

/// <summary>A run's overall status and snapshot from its record and its jobs' snapshots.</summary>
public static class RunProjection
{
    /// <summary>
    /// Running while any job has not ended; then failed if any failed, cancelled if any was cancelled, else completed
    /// (a job completed with item errors counts as completed: its report lists them).
    /// </summary>
    public static RunStatus Overall(IEnumerable<JobStatus> jobs)
    {
        var statuses = jobs.ToList();
        if (statuses.Count == 0 || statuses.Any(s => !s.IsTerminal()))
        {
            return RunStatus.Running;
        }

        if (statuses.Contains(JobStatus.Failed))
        {
            return RunStatus.Failed;
        }

        return statuses.Contains(JobStatus.Cancelled) ? RunStatus.Cancelled : RunStatus.Completed;
    }

    /// <summary>
    /// The run's snapshot. <paramref name="jobs"/> holds the jobs' snapshots in the record's order; a job not found
    /// (its submission did not land) shows as pending.
    /// </summary>
    public static RunSnapshot Snapshot(RunRecord run, IReadOnlyList<JobSnapshot?> jobs)
    {
        if (jobs.Count != run.Jobs.Count)
        {
            throw new ArgumentException($"The run has {run.Jobs.Count} jobs; {jobs.Count} snapshots were given.", nameof(jobs));
        }

        var entries = run.Jobs.Select((job, i) => jobs[i] is { } s
            ? new RunJobSnapshot(job.JobId, job.Command, s.Status, s.Progress.Percent, s.Progress.ItemsDone, s.Progress.ItemsTotal, s.Error)
            : new RunJobSnapshot(job.JobId, job.Command, JobStatus.Pending, 0, 0, 0, null)).ToList();
        var status = Overall(entries.Select(e => e.Status));
        var total = entries.Sum(e => e.ItemsTotal);
        var percent = status != RunStatus.Running ? 100 : total == 0 ? 0 : Math.Round(100.0 * entries.Sum(e => e.ItemsDone) / total, 1);
        var completedAt = status == RunStatus.Running ? null : jobs.Max(j => j?.CompletedAt);
        return new RunSnapshot(run.Id, status, run.Priority, run.SubmittedAt, completedAt, percent, entries, run.Owner);
    }
}
