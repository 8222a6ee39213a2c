using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Engine.Tests;

public sealed class PoolSizingTests
{
    private static readonly PoolSettings Eight = new(MaxInstances: 8, ItemsPerInstance: 5, ParallelThreshold: 5);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(40, 8)]
    [InlineData(41, 8)]
    [InlineData(1_000_000_000L, 8)]
    public void Follows_the_formula_with_the_threshold(long items, int expected) =>
        Assert.Equal(expected, PoolSizing.Instances(items, Eight));

    [Fact]
    public void Never_more_instances_than_items()
    {
        var settings = new PoolSettings(MaxInstances: 64, ItemsPerInstance: 1, ParallelThreshold: 5);
        Assert.Equal(5, PoolSizing.Instances(5, settings));
        Assert.Equal(7, PoolSizing.Instances(7, settings));
        Assert.Equal(64, PoolSizing.Instances(100, settings));
    }

    [Fact]
    public void Below_the_threshold_runs_as_one_instance()
    {
        var settings = new PoolSettings(MaxInstances: 8, ItemsPerInstance: 1, ParallelThreshold: 5);
        Assert.Equal(1, PoolSizing.Instances(4, settings));
        Assert.Equal(5, PoolSizing.Instances(5, settings));
    }

    [Fact]
    public void Threshold_zero_parallelises_any_workload()
    {
        var settings = new PoolSettings(MaxInstances: 8, ItemsPerInstance: 1, ParallelThreshold: 0);
        Assert.Equal(2, PoolSizing.Instances(2, settings));
    }

    [Fact]
    public void Rejects_nonsense_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(10, new PoolSettings(0, 1, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(10, new PoolSettings(1, 0, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.Instances(-1, Eight));
    }
}

public sealed class ArchiveExtractorTests
{
    [Fact]
    public void Entries_that_cannot_coexist_on_disk_are_a_400_not_a_crash()
    {
        var root = Directory.CreateTempSubdirectory("archive-test-").FullName;
        var zip = Path.Combine(root, "a.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("docs").Open()))
            {
                writer.Write("a file");
            }

            using (var writer = new StreamWriter(archive.CreateEntry("docs/readme.md").Open()))
            {
                writer.Write("# under a folder of the same name");
            }
        }

        var error = Assert.Throws<ParallelAgents.Engine.Workspaces.ArchiveRejectedException>(
            () => ParallelAgents.Engine.Workspaces.ArchiveExtractor.Extract(zip, Path.Combine(root, "out"), 1 << 20, 100));
        Assert.Equal(400, error.StatusCode);
        Directory.Delete(root, recursive: true);
    }
}
