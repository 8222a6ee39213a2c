using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Grains.Tests.Workspaces;

/// <summary>A git workspace on a three-silo cluster whose silos each keep a checkout cache of their own.</summary>
public sealed class GitClusterTests : IAsyncLifetime
{
    private static readonly string[] Categories = ["security", "quality", "development", "infrastructure"];
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pa-git-cluster-");
    private InProcessTestCluster _cluster = null!;

    private string CacheRoot => Path.Combine(_root.FullName, "caches");

    public async Task InitializeAsync()
    {
        _cluster = ClusterFixture.Build(configure: builder => builder.ConfigureSilo((options, silo) =>
        {
            var name = options.SiloName;
            silo.Services.Configure<WorkspaceOptions>(o => o.AllowedRoots = [_root.FullName]);
            silo.Services.Configure<GitOptions>(o =>
            {
                o.AllowFileUrls = true;
                o.CacheRoot = Path.Combine(CacheRoot, name);
            });
        }));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Every_segment_on_every_silo_works_on_the_commit_the_coordinator_resolved()
    {
        using var repository = TestGitRepository.Create(_root.FullName);
        var files = new Dictionary<string, string?>();
        foreach (var category in Categories)
        {
            for (var i = 0; i < 3; i++)
            {
                files[$".claude/agents/{category}/{category}-{i}.md"] = $"---\nname: {category}-{i}\ndescription: Reviews {category}. Use PROACTIVELY.\ntools: Read\ncategory: {category}\n---\n\nReview.\n";
            }
        }

        var tagged = repository.Commit(files, "agents");
        repository.Git("tag", "-a", "-m", "audited", "audited");

        // The branch moves on: the job names the tag, so it must see the tagged files, not the branch's.
        repository.Commit(Categories.ToDictionary(c => $".claude/agents/{c}/{c}-0.md", _ => (string?)null), "drop some agents");

        var id = Guid.NewGuid().ToString("N");
        var spec = new JobSpec("agent-audit", new WorkspaceRef(null, null) { Git = new GitSource(repository.FileUrl, "audited") }, """{"maxInstances":4}""", null, DateTimeOffset.UtcNow);
        await _cluster.Client.GetGrain<ICommandGrain>(id).SubmitAsync(spec);
        var snapshot = await Jobs.WaitAsync(_cluster.Client, id, TimeSpan.FromSeconds(120));
        Assert.True(snapshot.Status == JobStatus.Completed, snapshot.Error);
        Assert.Equal(tagged, snapshot.Workspace?.Commit);

        var report = (await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!;
        Assert.Equal(tagged, report.Workspace?.Commit);
        Assert.True(report.Segments.SelectMany(s => s.Silos).Distinct().Count() > 1, "the segments all ran on one silo");
        Assert.True(report.Segments.Count >= 4, $"{report.Segments.Count} segment(s)");
        Assert.Contains(report.Findings, f => f.File == ".claude/agents/security/security-0.md");

        // Each silo that worked on the job fetched the commit into its own cache, and only that commit.
        var checkouts = Directory.EnumerateDirectories(CacheRoot, "*", SearchOption.TopDirectoryOnly)
            .Select(silo => Path.Combine(silo, "checkouts"))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(Path.GetFileName)
            .ToArray();
        Assert.True(checkouts.Length > 1, $"checkouts: {string.Join(", ", checkouts)}");
        Assert.All(checkouts, name => Assert.StartsWith(tagged + "-", name, StringComparison.Ordinal));
    }
}
