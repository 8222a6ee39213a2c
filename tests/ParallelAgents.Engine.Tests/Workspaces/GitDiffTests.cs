using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Tests.Workspaces;

public sealed class GitDiffTests
{
    [Fact]
    public void Renames_and_copies_count_under_their_new_path_and_deletions_not_at_all()
    {
        var output = string.Join('\0', "M", "src/edited.cs", "R087", "old/name.md", "new/name.md", "D", "gone.txt", "A", "with space/added.py", "C100", "a.md", "copy.md", "T", "link", "") + "\0";
        Assert.Equal(["copy.md", "link", "new/name.md", "src/edited.cs", "with space/added.py"], GitDiff.ChangedFiles(output));
    }

    [Fact]
    public void An_empty_diff_changes_nothing() => Assert.Empty(GitDiff.ChangedFiles(""));

    [Fact]
    public void The_diff_compares_trees_only_and_runs_no_external_diff_or_text_conversion()
    {
        var arguments = GitDiff.Arguments("a".PadLeft(40, 'a'), "b".PadLeft(40, 'b'));
        Assert.Contains("--name-status", arguments);
        Assert.Contains("-z", arguments);
        Assert.Contains("--find-renames", arguments);
        Assert.Contains("--no-ext-diff", arguments);
        Assert.Contains("--no-textconv", arguments);
        Assert.Equal("--", arguments[^1]);
        Assert.Equal("--literal-pathspecs", arguments[0]);
    }

    [Fact]
    public void A_git_workspaces_paths_limit_the_diff_literally()
    {
        string[] paths = ["src/", "README.md"];
        Assert.Equal(["--", "src/", "README.md"], GitDiff.Arguments(new string('a', 40), new string('b', 40), paths).TakeLast(3));
        Assert.True(GitDiff.IsIn("src/a/b.cs", paths));
        Assert.True(GitDiff.IsIn("README.md", paths));
        Assert.False(GitDiff.IsIn("README.md.bak", paths));
        Assert.False(GitDiff.IsIn("srcs/x", paths));
        Assert.True(GitDiff.IsIn("anything", []));
    }

    [Fact]
    public void Changes_answer_for_files_and_folders_and_state_the_base_and_the_count()
    {
        var changes = new WorkspaceChanges("origin/main", new string('1', 40), new string('2', 40), ["svc/a/app.py", "README.md"]);
        Assert.True(changes.Contains("README.md"));
        Assert.False(changes.Contains("svc/a"));
        Assert.True(changes.AnyUnder("svc/a"));
        Assert.True(changes.AnyUnder("."));
        Assert.False(changes.AnyUnder("svc/b"));
        Assert.Equal(["README.md", "svc/a/app.py"], changes.Files);
        Assert.Contains("origin/main (111111111111)", changes.Note(), StringComparison.Ordinal);
        Assert.Contains("2 file(s) changed", changes.Note(), StringComparison.Ordinal);
    }
}
