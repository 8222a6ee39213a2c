using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

public sealed class JobSummaryOrderTests
{
    private static JobSummary Row(JobStatus status, int done = 0) =>
        new("j", "synthetic", status, DateTimeOffset.UnixEpoch, null, 1, 1, null) { ItemsDone = done, ItemsTotal = 10 };

    [Theory]
    [InlineData(JobStatus.Pending, 0, JobStatus.Running, 0, true)]
    [InlineData(JobStatus.Running, 0, JobStatus.Pending, 0, false)]
    [InlineData(JobStatus.Running, 5, JobStatus.Running, 3, false)]
    [InlineData(JobStatus.Running, 3, JobStatus.Running, 5, true)]
    [InlineData(JobStatus.Running, 3, JobStatus.Running, 3, true)]
    [InlineData(JobStatus.Running, 9, JobStatus.Completed, 0, true)]
    [InlineData(JobStatus.Completed, 10, JobStatus.Running, 10, false)]
    [InlineData(JobStatus.Completed, 10, JobStatus.Cancelled, 10, false)]
    [InlineData(JobStatus.Failed, 2, JobStatus.Failed, 2, true)]
    public void A_later_summary_replaces_an_earlier_one_and_never_the_reverse(
        JobStatus current, int currentDone, JobStatus incoming, int incomingDone, bool replaces) =>
        Assert.Equal(replaces, JobSummaryOrder.Supersedes(Row(incoming, incomingDone), Row(current, currentDone)));
}
