using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.Grains.Workspaces;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Grains.Tests.Workspaces;

public sealed class GitCheckoutCacheTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pa-git-cache-tests-");
    private readonly TestGitRepository _repository;
    private readonly string _first;
    private readonly string _second;

    public GitCheckoutCacheTests()
    {
        _repository = TestGitRepository.Create(_root.FullName);
        _first = _repository.Commit(new Dictionary<string, string?> { ["README.md"] = "# one\n", ["src/a.cs"] = "class A {}\n", ["docs/guide.md"] = "guide\n" }, "first");
        _second = _repository.Commit(new Dictionary<string, string?> { ["README.md"] = "# two\n", ["docs/guide.md"] = null }, "second");
    }

    public void Dispose()
    {
        _repository.Dispose();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_sha_checks_out_exactly_that_commit_even_when_the_branch_has_moved_on()
    {
        var (cache, _) = Create();
        var checkout = await cache.AcquireAsync(Source(_first), CancellationToken.None);
        Assert.Equal("# one\n", File.ReadAllText(Path.Combine(checkout.Folder, "README.md")));
        Assert.True(File.Exists(Path.Combine(checkout.Folder, "docs", "guide.md")));

        var later = await cache.AcquireAsync(Source(_second), CancellationToken.None);
        Assert.Equal("# two\n", File.ReadAllText(Path.Combine(later.Folder, "README.md")));
        Assert.False(File.Exists(Path.Combine(later.Folder, "docs", "guide.md")));
        Assert.NotEqual(checkout.Folder, later.Folder);
    }

    [Fact]
    public async Task Two_jobs_materialising_one_commit_at_once_fetch_it_once()
    {
        var (cache, _) = Create();
        var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cache.AcquireAsync(Source(_second), CancellationToken.None)));
        Assert.Single(all.Select(c => c.Folder).Distinct());
        Assert.Equal(1, cache.Fetches);

        // A second silo process sharing the folder finds the published checkout and fetches nothing.
        var (other, _) = Create();
        await other.AcquireAsync(Source(_second), CancellationToken.None);
        Assert.Equal(0, other.Fetches);
    }

    [Fact]
    public async Task Beyond_the_bound_the_least_recently_used_checkout_no_job_holds_is_evicted()
    {
        var (cache, _) = Create(o => o.CacheBytes = 1);
        var first = await cache.AcquireAsync(Source(_first), CancellationToken.None);
        var second = await cache.AcquireAsync(Source(_second), CancellationToken.None);
        Assert.True(Directory.Exists(first.Folder), "a checkout a job holds is not evicted");

        first.Release();
        Assert.False(Directory.Exists(first.Folder));
        Assert.True(Directory.Exists(second.Folder));

        second.Release();
        var again = await cache.AcquireAsync(Source(_first), CancellationToken.None);
        Assert.Equal(3, cache.Fetches);
        Assert.Equal("# one\n", File.ReadAllText(Path.Combine(again.Folder, "README.md")));
        Assert.False(Directory.Exists(second.Folder));
    }

    [Fact]
    public async Task Paths_check_out_only_those_files()
    {
        var (cache, _) = Create();
        var checkout = await cache.AcquireAsync(Source(_first) with { Paths = ["src/"] }, CancellationToken.None);
        var files = new Workspace(checkout.Folder).EnumerateFiles();
        Assert.Equal(["src/a.cs"], files);
    }

    [Fact]
    public async Task A_checkout_over_the_size_limit_fails_and_leaves_nothing_behind()
    {
        var (cache, _) = Create(o => o.MaxBytes = 100);
        var e = await Assert.ThrowsAsync<WorkspaceException>(() => cache.AcquireAsync(Source(_first), CancellationToken.None));
        Assert.Contains("Workspaces:Git:MaxBytes", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, "cache", "checkouts")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root.FullName, "cache", "staging")));
    }

    [Fact]
    public async Task Refs_resolve_to_their_commit()
    {
        _repository.Git("tag", "v1", _first);
        _repository.Git("tag", "-a", "-m", "release", "v2", _second);
        _repository.Git("update-ref", "refs/pull/7/head", _first);
        _repository.Git("branch", "feature", _first);
        var (_, client) = Create();
        var remote = Remote();
        Assert.Equal(_second, await client.ResolveCommitAsync(remote, "main", CancellationToken.None));
        Assert.Equal(_second, await client.ResolveCommitAsync(remote, null, CancellationToken.None));
        Assert.Equal(_first, await client.ResolveCommitAsync(remote, "feature", CancellationToken.None));
        Assert.Equal(_first, await client.ResolveCommitAsync(remote, "v1", CancellationToken.None));
        Assert.Equal(_second, await client.ResolveCommitAsync(remote, "v2", CancellationToken.None));
        Assert.Equal(_first, await client.ResolveCommitAsync(remote, "refs/pull/7/head", CancellationToken.None));
        Assert.Equal(_first, await client.ResolveCommitAsync(remote, _first.ToUpperInvariant(), CancellationToken.None));

        var e = await Assert.ThrowsAsync<WorkspaceException>(() => client.ResolveCommitAsync(remote, "no-such-branch", CancellationToken.None));
        Assert.Contains("no branch, tag or ref 'no-such-branch'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sha_the_repository_does_not_have_fails_with_the_reason()
    {
        var (cache, _) = Create();
        var e = await Assert.ThrowsAsync<WorkspaceException>(() => cache.AcquireAsync(Source(new string('0', 39) + "1"), CancellationToken.None));
        Assert.Contains("has no commit the job asked for", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_of_a_diff_is_fetched_without_its_blobs_when_the_server_serves_partial_fetches()
    {
        // As code hosts do; a server without partial fetch sends the blobs, which the other tests cover.
        _repository.Git("config", "uploadpack.allowFilter", "true");
        var big = string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i} of the first version\n"));
        var baseCommit = _repository.Commit(new Dictionary<string, string?> { ["src/big.txt"] = big, ["src/kept.txt"] = "kept\n" }, "base");
        var head = _repository.Commit(new Dictionary<string, string?> { ["src/big.txt"] = "rewritten\n" }, "head");
        var (cache, _) = Create();
        var checkout = await cache.AcquireAsync(Source(head), CancellationToken.None);

        var files = await cache.ChangedFilesAsync(Source(head), baseCommit, CancellationToken.None);

        Assert.Equal(["src/big.txt"], files);
        var oldBlob = _repository.Git("rev-parse", $"{baseCommit}:src/big.txt").Trim();
        var missing = Local(checkout.Folder, "rev-list", "--objects", "--missing=print", baseCommit);
        Assert.Contains("?" + oldBlob, missing.Split('\n', StringSplitOptions.TrimEntries));
    }

    // git in the checkout itself, with no lazy fetch of what it lacks (rev-list --missing=print never fetches).
    private static string Local(string folder, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("safe.directory=*");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    private GitSource Source(string commit) => new(_repository.FileUrl, null) { Commit = commit };

    private GitRemote Remote() => new(new Uri(_repository.FileUrl), "", IsFile: true, null, Trusted: true);

    private (GitCheckoutCache Cache, GitClient Client) Create(Action<GitOptions>? configure = null)
    {
        var git = new GitOptions { AllowFileUrls = true, CacheRoot = Path.Combine(_root.FullName, "cache") };
        configure?.Invoke(git);
        var options = Options.Create(git);
        var policy = new GitUrlPolicy(options, Options.Create(new WorkspaceOptions { AllowedRoots = [_root.FullName] }));
        var client = new GitClient(new GitRunner(options), options);
        return (new GitCheckoutCache(options, policy, client, NullLogger<GitCheckoutCache>.Instance), client);
    }
}
