using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

public sealed class JobIndexPartitionTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobSummary Row(int i, JobStatus status, int done = 0) =>
        new($"job-{i:D5}", "synthetic", status, Day.AddSeconds(i), null, 1, 1, null) { ItemsDone = done };

    [Fact]
    public void Pages_are_newest_first_per_status_and_counts_follow_status_changes()
    {
        var partition = new JobIndexPartition();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(JobIndexPartition.Change.CountsChanged, partition.Upsert(Row(i, JobStatus.Running)));
        }

        Assert.Equal(JobIndexPartition.Change.Updated, partition.Upsert(Row(3, JobStatus.Running, 4)));
        Assert.Equal(JobIndexPartition.Change.CountsChanged, partition.Upsert(Row(3, JobStatus.Completed, 5)));
        Assert.Equal(JobIndexPartition.Change.CountsChanged, partition.Upsert(Row(7, JobStatus.Completed, 5)));
        Assert.Equal(JobIndexPartition.Change.Ignored, partition.Upsert(Row(7, JobStatus.Running, 9)));

        Assert.Equal(["job-00007", "job-00003"], partition.Page(JobStatus.Completed, 0, 10).Select(r => r.Id));
        Assert.Equal(["job-00008", "job-00006"], partition.Page(JobStatus.Running, 1, 2).Select(r => r.Id));
        Assert.Equal(["job-00001", "job-00000"], partition.Page(null, 8, 5).Select(r => r.Id));
        Assert.Empty(partition.Page(null, 10, 5));
        Assert.Equal(8, partition.CountOf(JobStatus.Running));
        Assert.Equal(2, partition.Counts()[(int)JobStatus.Completed]);
        Assert.Equal(10, partition.CountOf(null));
    }

    [Fact]
    public void A_change_dirties_only_the_chunk_that_holds_the_row()
    {
        var partition = new JobIndexPartition();
        for (var i = 0; i < (JobIndexPartition.ChunkSize * 3) + 1; i++)
        {
            partition.Upsert(Row(i, JobStatus.Running));
        }

        Assert.Equal(4, partition.ChunkCount);
        Assert.Equal([0, 1, 2, 3], partition.TakeDirtyChunks());
        Assert.False(partition.IsDirty);

        partition.Upsert(Row(JobIndexPartition.ChunkSize + 7, JobStatus.Running, 2));
        Assert.Equal([1], partition.TakeDirtyChunks());
        Assert.Equal(JobIndexPartition.ChunkSize, partition.ChunkRows(1).Count);
    }

    [Fact]
    public void Rows_read_back_from_chunks_are_the_rows_written()
    {
        var written = new JobIndexPartition();
        for (var i = 0; i < JobIndexPartition.ChunkSize + 20; i++)
        {
            written.Upsert(Row(i, i % 3 == 0 ? JobStatus.Failed : JobStatus.Completed));
        }

        var read = new JobIndexPartition();
        for (var n = 0; n < written.ChunkCount; n++)
        {
            read.Load(n, written.ChunkRows(n));
        }

        Assert.False(read.IsDirty);
        Assert.Equal(written.Counts(), read.Counts());
        Assert.Equal(written.Page(null, 0, 10_000), read.Page(null, 0, 10_000));

        // A new row after a reload fills the last chunk rather than starting one.
        read.Upsert(Row(100_000, JobStatus.Pending));
        Assert.Equal([1], read.TakeDirtyChunks());
    }
}
