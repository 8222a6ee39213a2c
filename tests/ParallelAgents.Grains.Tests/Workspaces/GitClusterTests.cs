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

    [Fact]
    public async Task A_diff_aware_job_makes_items_of_exactly_the_changed_files_and_states_its_base_for_a_repository_and_a_path()
    {
        using var repository = TestGitRepository.Create(_root.FullName);
        string Agent(string name, string category) => $"---\nname: {name}\ndescription: Reviews {category}. Use PROACTIVELY.\ntools: Read\ncategory: {category}\n---\n\n" + string.Concat(Enumerable.Repeat("Review the change line by line.\n", 20));
        var files = new Dictionary<string, string?>();
        foreach (var category in Categories)
        {
            for (var i = 0; i < 3; i++)
            {
                files[$".claude/agents/{category}/{category}-{i}.md"] = Agent($"{category}-{i}", category);
            }
        }

        var baseCommit = repository.Commit(files, "agents");
        repository.Git("branch", "base");
        repository.Git("mv", ".claude/agents/quality/quality-1.md", ".claude/agents/quality/quality-renamed.md");
        var head = repository.Commit(
            new Dictionary<string, string?>
            {
                [".claude/agents/security/security-0.md"] = Agent("security-0", "security") + "One more line.\n",
                [".claude/agents/development/development-2.md"] = null,
                [".claude/agents/infrastructure/infrastructure-9.md"] = Agent("infrastructure-9", "infrastructure"),
            },
            "edit, rename, delete, add");

        var git = new WorkspaceRef(null, null) { Git = new GitSource(repository.FileUrl, "main"), ChangedSince = new ChangeBase("base") };
        var path = new WorkspaceRef(repository.Path, null) { ChangedSince = new ChangeBase(baseCommit) };
        foreach (var (workspace, source) in new[] { (git, "git"), (path, "path") })
        {
            var (snapshot, report) = await RunAsync(workspace);
            Assert.True(snapshot.Status == JobStatus.Completed, $"{source}: {snapshot.Error}");
            Assert.Equal(source, snapshot.Workspace?.Source);
            Assert.Equal(head, snapshot.Workspace?.Commit);
            Assert.Equal(baseCommit, snapshot.Workspace?.ChangedSince?.Commit);
            Assert.Equal(3, snapshot.Workspace?.ChangedSince?.Files);
            Assert.Equal(3, report.Summary.ItemsTotal);
            Assert.Equal(baseCommit, report.Workspace?.ChangedSince?.Commit);
            Assert.Contains(report.Notes, n => n.Contains($"({baseCommit[..12]}): 3 file(s) changed", StringComparison.Ordinal));
            Assert.Contains(report.Notes, n => n.StartsWith("3 of the 12 agent definitions", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Findings, f => f.File is { } file && file != ".claude/agents/security/security-0.md"
                && file != ".claude/agents/quality/quality-renamed.md" && file != ".claude/agents/infrastructure/infrastructure-9.md");
        }

        var (failed, _) = await RunAsync(git with { ChangedSince = new ChangeBase("no-such-base") });
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("changedSince", failed.Error, StringComparison.Ordinal);
        Assert.Contains("'no-such-base'", failed.Error, StringComparison.Ordinal);
    }

    private async Task<(JobSnapshot Snapshot, JobReport Report)> RunAsync(WorkspaceRef workspace)
    {
        var id = Guid.NewGuid().ToString("N");
        var spec = new JobSpec("agent-audit", workspace, """{"maxInstances":4}""", null, DateTimeOffset.UtcNow);
        await _cluster.Client.GetGrain<ICommandGrain>(id).SubmitAsync(spec);
        var snapshot = await Jobs.WaitAsync(_cluster.Client, id, TimeSpan.FromSeconds(120));
        return (snapshot, (await _cluster.Client.GetGrain<ICommandGrain>(id).GetReportAsync())!);
    }
}
