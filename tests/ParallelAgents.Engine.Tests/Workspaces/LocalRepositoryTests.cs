using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Engine.Tests.Workspaces;

/// <summary>A repository on the silo's disk (a path or an upload with .git): HEAD, a base, and the files changed between them.</summary>
public sealed class LocalRepositoryTests : IDisposable
{
    private readonly TestGitRepository _repository = TestGitRepository.Create();
    private readonly LocalRepository _local = new(new GitRunner(Options.Create(new GitOptions())));

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Exactly_the_edited_added_and_renamed_files_changed_and_deleted_ones_are_left_out()
    {
        var text = string.Join('\n', Enumerable.Range(0, 40).Select(i => $"line {i} of a file long enough for rename detection")) + "\n";
        var first = _repository.Commit(new Dictionary<string, string?>
        {
            ["edited.md"] = text,
            ["old/renamed.md"] = text + "renamed\n",
            ["deleted.md"] = text + "deleted\n",
            ["same.md"] = text + "same\n",
        });
        _repository.Git("branch", "base");
        Directory.CreateDirectory(Path.Combine(_repository.Path, "new"));
        _repository.Git("mv", "old/renamed.md", "new/renamed.md");
        var head = _repository.Commit(new Dictionary<string, string?>
        {
            ["edited.md"] = text + "one more line\n",
            ["deleted.md"] = null,
            ["dir with space/added.md"] = "new\n",
        });

        Assert.Equal(head, await _local.HeadAsync(_repository.Path, CancellationToken.None));
        var baseCommit = await _local.ResolveAsync(_repository.Path, "base", CancellationToken.None);
        Assert.Equal(first, baseCommit);
        Assert.Equal(first, await _local.ResolveAsync(_repository.Path, first[..10], CancellationToken.None));

        var files = await _local.ChangedFilesAsync(_repository.Path, baseCommit, head, CancellationToken.None);
        Assert.Equal(["dir with space/added.md", "edited.md", "new/renamed.md"], files);
    }

    [Fact]
    public async Task An_unknown_base_is_a_workspace_error_naming_changedSince_and_the_ref()
    {
        _repository.Commit(new Dictionary<string, string?> { ["a.md"] = "a\n" });
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => _local.ResolveAsync(_repository.Path, "no-such-branch", CancellationToken.None));
        Assert.Contains("changedSince", error.Message, StringComparison.Ordinal);
        Assert.Contains("'no-such-branch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_without_commits_has_no_head()
    {
        Assert.True(LocalRepository.IsRepository(_repository.Path, trusted: false));
        Assert.Null(await _local.HeadAsync(_repository.Path, CancellationToken.None));
    }

    [Fact]
    public void Git_runs_on_the_workspace_repository_only_with_no_transport_and_no_machine_configuration()
    {
        var info = new GitRunner(Options.Create(new GitOptions())).LocalStartInfo(_repository.Path, ["rev-parse", "HEAD"]);
        Assert.Equal(Path.Combine(_repository.Path, ".git"), info.Environment["GIT_DIR"]);
        Assert.Equal("1", info.Environment["GIT_CONFIG_NOSYSTEM"]);
        Assert.Contains("protocol.allow=never", info.ArgumentList);
        Assert.DoesNotContain(info.ArgumentList, a => a.StartsWith("protocol.file.allow", StringComparison.Ordinal) || a.StartsWith("protocol.https.allow", StringComparison.Ordinal));
        Assert.Contains(info.ArgumentList, a => a.StartsWith("core.hooksPath=", StringComparison.Ordinal));
        Assert.Contains("safe.directory=" + _repository.Path.Replace('\\', '/'), info.ArgumentList);
        Assert.False(info.Environment.ContainsKey("GIT_CONFIG_COUNT"));
    }

    [Fact]
    public void An_upload_that_borrows_objects_from_elsewhere_is_refused()
    {
        Assert.Null(LocalRepository.CheckUpload(_repository.Path));
        File.WriteAllText(Path.Combine(_repository.Path, ".git", "objects", "info", "alternates"), "/srv/other/.git/objects\n");
        Assert.Contains("alternates", LocalRepository.CheckUpload(_repository.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dot_git_file_counts_only_where_the_workspace_is_trusted()
    {
        var folder = Directory.CreateTempSubdirectory("pa-gitfile-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ".git"), "gitdir: /etc\n");
            Assert.True(LocalRepository.IsRepository(folder, trusted: true));
            Assert.False(LocalRepository.IsRepository(folder, trusted: false));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
