using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

public sealed class JobIndexDirectoryTests
{
    private static JobIndexBucketCounts Counts(long version, int running, int completed) =>
        new(version, [0, 0, running, completed, 0, 0, 0]);

    [Fact]
    public void A_late_or_repeated_report_changes_no_count()
    {
        var directory = new JobIndexDirectory();
        Assert.True(directory.Report(20260301, Counts(2, running: 1, completed: 4)));
        Assert.False(directory.Report(20260301, Counts(1, running: 5, completed: 0)));
        Assert.False(directory.Report(20260301, Counts(2, running: 1, completed: 4)));
        Assert.True(directory.Report(20260302, Counts(1, running: 2, completed: 0)));

        Assert.Equal(3, directory.Count(JobStatus.Running));
        Assert.Equal(4, directory.Count(JobStatus.Completed));
        Assert.Equal(7, directory.Count((JobStatus?)null));
        Assert.Equal(3, directory.Count([JobStatus.Pending, JobStatus.Running, JobStatus.Running]));
    }

    [Fact]
    public void A_page_skips_whole_buckets_by_their_counts_newest_day_first()
    {
        var directory = new JobIndexDirectory(new Dictionary<int, JobIndexBucketCounts>
        {
            [20260301] = Counts(1, running: 3, completed: 10),
            [20260303] = Counts(1, running: 0, completed: 5),
            [20260302] = Counts(1, running: 2, completed: 0),
        });

        Assert.Equal([(20260303, 0), (20260302, 0), (20260301, 0)], directory.Plan(null, 0));
        Assert.Equal([(20260302, 1), (20260301, 0)], directory.Plan(null, 6));
        Assert.Equal([(20260301, 1)], directory.Plan(JobStatus.Running, 3));
        Assert.Empty(directory.Plan(JobStatus.Completed, 15));
    }

    [Fact]
    public void A_report_with_the_wrong_number_of_counts_is_refused() =>
        Assert.Throws<ArgumentException>(() => new JobIndexDirectory().Report(20260301, new JobIndexBucketCounts(1, [1, 2])));
}
