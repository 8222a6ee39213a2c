using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Runs;

namespace ParallelAgents.Engine.Tests.Runs;

public sealed class RunProjectionTests
{
    [Theory]
    [InlineData(new[] { JobStatus.Completed, JobStatus.Running }, RunStatus.Running)]
    [InlineData(new[] { JobStatus.Failed, JobStatus.Pending }, RunStatus.Running)]
    [InlineData(new[] { JobStatus.Completed, JobStatus.CompletedWithErrors }, RunStatus.Completed)]
    [InlineData(new[] { JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled }, RunStatus.Failed)]
    [InlineData(new[] { JobStatus.Completed, JobStatus.Cancelled }, RunStatus.Cancelled)]
    [InlineData(new JobStatus[0], RunStatus.Running)]
    public void The_run_is_running_until_every_job_ended_then_failed_before_cancelled_before_completed(JobStatus[] jobs, RunStatus expected) =>
        Assert.Equal(expected, RunProjection.Overall(jobs));

    [Fact]
    public void The_snapshot_lists_the_jobs_in_order_and_sums_their_items()
    {
        var run = Record("a", "b");

        var snapshot = RunProjection.Snapshot(run, [Job("r-0", JobStatus.Completed, 4, 4, at: 10), Job("r-1", JobStatus.Running, 1, 4)]);

        Assert.Equal(RunStatus.Running, snapshot.Status);
        Assert.Equal(["a", "b"], snapshot.Jobs.Select(j => j.Command));
        Assert.Equal([JobStatus.Completed, JobStatus.Running], snapshot.Jobs.Select(j => j.Status));
        Assert.Equal(62.5, snapshot.Percent);
        Assert.Null(snapshot.CompletedAt);
        Assert.Equal(JobPriority.High, snapshot.Priority);
    }

    [Fact]
    public void A_finished_run_ends_when_its_last_job_ended()
    {
        var snapshot = RunProjection.Snapshot(Record("a", "b"), [Job("r-0", JobStatus.Completed, 1, 1, at: 30), Job("r-1", JobStatus.Failed, 0, 2, at: 20)]);

        Assert.Equal(RunStatus.Failed, snapshot.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(30), snapshot.CompletedAt);
        Assert.Equal(100, snapshot.Percent);
    }

    [Fact]
    public void A_job_not_found_shows_as_pending_and_keeps_the_run_running()
    {
        var snapshot = RunProjection.Snapshot(Record("a", "b"), [Job("r-0", JobStatus.Completed, 1, 1, at: 1), null]);

        Assert.Equal(RunStatus.Running, snapshot.Status);
        Assert.Equal(JobStatus.Pending, snapshot.Jobs[1].Status);
        Assert.Equal("r-1", snapshot.Jobs[1].JobId);
    }

    [Fact]
    public void Snapshots_that_do_not_match_the_jobs_are_refused() =>
        Assert.Throws<ArgumentException>(() => RunProjection.Snapshot(Record("a", "b"), [null]));

    internal static RunRecord Record(params string[] commands) =>
        new("r", "owner", JobPriority.High, DateTimeOffset.UnixEpoch, [.. commands.Select((c, i) => new RunJob($"r-{i}", c))], null);

    private static JobSnapshot Job(string id, JobStatus status, int done, int total, int? at = null) => new(
        id, "x", status, DateTimeOffset.UnixEpoch, null, at is null ? null : DateTimeOffset.UnixEpoch.AddSeconds(at.Value), [],
        new ProgressSummary(total == 0 ? 0 : 100.0 * done / total, done, total, null, null, null), JobMetrics.Empty, status == JobStatus.Failed ? "boom" : null, false, "owner");
}
