using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Tests.Workspaces;

public sealed class GitInputTests
{
    [Theory]
    [InlineData("main")]
    [InlineData("release/1.2")]
    [InlineData("v1.0.0")]
    [InlineData("refs/pull/7/head")]
    [InlineData("HEAD")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public void Branches_tags_full_refs_and_shas_are_accepted(string reference) => Assert.Null(GitRefName.Check(reference));

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("-b")]
    [InlineData("main..other")]
    [InlineData("a b")]
    [InlineData("main~1")]
    [InlineData("feature/")]
    [InlineData("x.lock")]
    [InlineData("refs/heads/.hidden")]
    [InlineData("@{-1}")]
    [InlineData("")]
    public void Option_like_and_malformed_refs_are_refused(string reference) => Assert.NotNull(GitRefName.Check(reference));

    [Fact]
    public void Only_full_shas_count_as_commits()
    {
        Assert.True(GitRefName.IsCommitSha(new string('a', 40)));
        Assert.True(GitRefName.IsCommitSha(new string('b', 64)));
        Assert.False(GitRefName.IsCommitSha("abc1234"));
        Assert.False(GitRefName.IsCommitSha(null));
    }

    [Theory]
    [InlineData("src/", "src/")]
    [InlineData("./docs//guide.md", "docs/guide.md")]
    [InlineData("a/b/../c/", "a/c/")]
    public void Paths_are_normalised(string path, string expected) => Assert.Equal(expected, GitPaths.Normalize(path).Path);

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/")]
    [InlineData("src/*.cs")]
    [InlineData("!src")]
    [InlineData(".git/config")]
    [InlineData(".")]
    public void Paths_that_leave_the_repository_or_are_patterns_are_refused(string path) => Assert.NotNull(GitPaths.Normalize(path).Error);

    [Fact]
    public void Sparse_patterns_are_anchored_at_the_root() =>
        Assert.Equal("/src/\n/README.md\n", GitPaths.SparsePatterns(["src/", "README.md"]));
}
