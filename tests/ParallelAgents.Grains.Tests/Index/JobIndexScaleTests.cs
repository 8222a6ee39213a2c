using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

/// <summary>100,000 jobs over 200 owners and 60 days, upserted into a silo in the default (memory) mode.</summary>
public sealed class JobIndexScaleTests(JobIndexScaleTests.Populated populated) : IClassFixture<JobIndexScaleTests.Populated>
{
    private IGrainFactory Grains => populated.Cluster.Client;

    private IndexWorkload Workload => populated.Workload;

    [Fact]
    public async Task Everyone_s_list_holds_every_job_with_an_exact_total()
    {
        var page = await JobIndex.ListAsync(Grains, null, null, 0, 50);
        Assert.Equal(100_000, page.Total);
        Assert.Equal(Workload.Expected(null, null)[..50], page.Items);
    }

    [Fact]
    public async Task Pages_far_beyond_ten_thousand_jobs_are_the_right_rows()
    {
        var expected = Workload.Expected(null, null);
        foreach (var skip in new[] { 10_000, 54_321, 99_990 })
        {
            var page = await JobIndex.ListAsync(Grains, null, null, skip, 500);
            Assert.Equal(expected.Skip(skip).Take(500), page.Items);
            Assert.Equal(100_000, page.Total);
        }
    }

    [Theory]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Running)]
    public async Task Walking_every_page_of_a_status_returns_each_of_its_jobs_once_in_order(JobStatus status)
    {
        var expected = Workload.Expected(status, null);
        var seen = new List<JobSummary>();
        for (var skip = 0; ; skip += 500)
        {
            var page = await JobIndex.ListAsync(Grains, status, null, skip, 500);
            Assert.Equal(expected.Length, page.Total);
            if (page.Items.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Items);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task An_owner_sees_exactly_their_jobs_and_their_unfinished_count()
    {
        foreach (var owner in new[] { "owner-0@example.com", "owner-123@example.com", "owner-199@example.com" })
        {
            var expected = Workload.Expected(null, owner);
            var page = await JobIndex.ListAsync(Grains, null, owner, 0, 500);
            Assert.Equal(expected.Length, page.Total);
            Assert.Equal(expected.Take(500), page.Items);

            var completed = await JobIndex.ListAsync(Grains, JobStatus.Completed, owner, 10, 20);
            Assert.Equal(Workload.Expected(JobStatus.Completed, owner).Skip(10).Take(20), completed.Items);

            var unfinished = expected.Count(j => !j.Status.IsTerminal());
            Assert.Equal(unfinished, await JobIndex.CountUnfinishedAsync(Grains, owner));
        }

        Assert.Equal(0, await JobIndex.CountUnfinishedAsync(Grains, "nobody@example.com"));
    }

    [Fact]
    public async Task Status_totals_are_exact_although_a_quarter_of_the_jobs_had_a_stale_summary_delivered_last()
    {
        foreach (var status in Enum.GetValues<JobStatus>())
        {
            Assert.Equal(Workload.Expected(status, null).Length, (await JobIndex.ListAsync(Grains, status, null, 0, 0)).Total);
        }

        Assert.Equal(Workload.Final.Count(j => !j.Status.IsTerminal()), await JobIndex.CountUnfinishedAsync(Grains, null));

        // Jobs 1, 5, 9... had a stale summary delivered after their final one; each still shows the final one.
        var listed = (await JobIndex.ListAsync(Grains, null, null, 0, 100_000)).Items.ToDictionary(j => j.Id);
        foreach (var job in Workload.Final.Where((_, i) => i % 4 == 1))
        {
            Assert.Equal(job, listed[job.Id]);
        }
    }

    [Fact]
    public async Task The_original_address_answers_like_the_index()
    {
        var index = Grains.GetGrain<IJobIndexGrain>(0);
        Assert.Equal(Workload.Expected(JobStatus.Cancelled, null)[..20], (await index.ListAsync(JobStatus.Cancelled, null, 0, 20)).Items);
        Assert.Equal(await JobIndex.CountUnfinishedAsync(Grains, "owner-5@example.com"), await index.CountUnfinishedAsync("owner-5@example.com"));
    }

    /// <summary>A cluster of its own, so no other test's jobs are in the list.</summary>
    public sealed class Populated : IAsyncLifetime
    {
        public InProcessTestCluster Cluster { get; private set; } = null!;

        public IndexWorkload Workload { get; } = new(100_000, owners: 200, days: 60);

        public async Task InitializeAsync()
        {
            Cluster = ClusterFixture.Build(silos: 1);
            await Cluster.DeployAsync();
            await Workload.UpsertAllAsync(Cluster.Client);
        }

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
