using System.Text;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Tests.Agent;

/// <summary>Which files the agent command reads: .gitignore files at every level, .git, binaries, links and globs.</summary>
public sealed class AgentWorkPlannerTests : IDisposable
{
    private static readonly string[] Everything = ["**/*"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "agent-plan-" + Guid.NewGuid().ToString("N"));

    public AgentWorkPlannerTests()
    {
        Directory.CreateDirectory(_root);
        Write(".gitignore", "# build output and logs\n*.log\nbuild/\n/top-only.txt\n");
        Write("README.md", "# Sample\n");
        Write("src/app.cs", "class App { }\n");
        Write("src/top-only.txt", "kept: the anchored pattern names the root's file only\n");
        Write("top-only.txt", "ignored by an anchored pattern\n");
        Write("notes.log", "ignored by *.log\n");
        Write("logs/.gitignore", "!keep.log\n");
        Write("logs/keep.log", "re-included by the nested .gitignore\n");
        Write("logs/other.log", "still ignored by the root's *.log\n");
        Write("build/out.txt", "ignored with its directory\n");
        Write("build/.gitignore", "!keep.log\n");
        Write("build/keep.log", "below an excluded directory: cannot be re-included\n");
        Write("docs/.gitignore", "*.tmp\n");
        Write("docs/guide.md", "# Guide\n");
        Write("docs/draft.tmp", "ignored by the nested .gitignore\n");
        Write("other/draft.tmp", "the nested pattern does not reach here\n");
        Write(".git/HEAD", "ref: refs/heads/main\n");
        Write(".git/config", "[core]\n");
        Write("node_modules/lib/index.js", "module.exports = 1;\n");
        WriteBytes("image.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void The_default_selection_is_every_text_file_git_would_not_ignore()
    {
        Assert.Equal(
            [".gitignore", "README.md", "docs/.gitignore", "docs/guide.md", "logs/.gitignore", "logs/keep.log", "other/draft.tmp", "src/app.cs", "src/top-only.txt"],
            Planned(Everything));
    }

    [Fact]
    public void No_globs_select_the_same_files_as_the_default()
    {
        Assert.Equal(Planned(Everything), Planned([]));
    }

    [Fact]
    public void A_glob_matching_an_ignored_file_does_not_bring_it_in()
    {
        Assert.Equal(["logs/keep.log"], Planned(["**/*.log"]));
        Assert.Equal(["other/draft.tmp"], Planned(["**/*.tmp"]));
    }

    [Fact]
    public void IncludeIgnored_reads_what_gitignore_excludes_but_never_git_itself_binaries_or_skipped_directories()
    {
        Assert.Equal(["build/keep.log", "logs/keep.log", "logs/other.log", "notes.log"], Planned(["**/*.log"], includeIgnored: true));
        var all = Planned(Everything, includeIgnored: true);
        Assert.Contains("build/out.txt", all);
        Assert.Contains("top-only.txt", all);
        Assert.Contains("docs/draft.tmp", all);
        Assert.DoesNotContain(all, p => p.StartsWith(".git/", StringComparison.Ordinal) || p.StartsWith("node_modules/", StringComparison.Ordinal));
        Assert.DoesNotContain("image.png", all);
    }

    [Fact]
    public void A_gitignore_in_a_deeper_directory_overrides_the_outer_one_and_a_later_line_an_earlier_one()
    {
        Write("deep/.gitignore", "*.txt\n!*.txt\nsecret.txt\n");
        Write("deep/plain.txt", "re-included by the second line\n");
        Write("deep/secret.txt", "excluded again by the third\n");
        Write("deep/inner/.gitignore", "!secret.txt\n");
        Write("deep/inner/secret.txt", "re-included one level further down\n");

        var planned = Planned(["deep/**/*"]);

        Assert.Equal(["deep/.gitignore", "deep/inner/.gitignore", "deep/inner/secret.txt", "deep/plain.txt"], planned);
    }

    [Fact]
    public void Links_are_not_followed()
    {
        var outside = Path.Combine(Path.GetTempPath(), "agent-plan-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "outside the workspace\n");
            File.CreateSymbolicLink(Path.Combine(_root, "linked.txt"), Path.Combine(outside, "secret.txt"));
            Directory.CreateSymbolicLink(Path.Combine(_root, "linked-dir"), outside);

            var planned = Planned(Everything, includeIgnored: true);

            Assert.DoesNotContain("linked.txt", planned);
            Assert.DoesNotContain(planned, p => p.StartsWith("linked-dir/", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Items_name_the_selected_files_with_all_their_lines()
    {
        var items = AgentWorkPlanner.Plan(new Workspace(_root), ["src/**"], "directory", 6000);

        var item = Assert.Single(items);
        Assert.Equal("src", item.Key);
        Assert.Equal(["src/app.cs:1-1", "src/top-only.txt:1-1"], AgentWorkPlanner.Slices(item).Select(s => $"{s.Path}:{s.StartLine}-{s.EndLine}"));
    }

    private string[] Planned(IReadOnlyList<string> globs, bool includeIgnored = false) =>
        AgentWorkPlanner.Plan(new Workspace(_root), globs, "file", 6000, includeIgnored)
            .SelectMany(AgentWorkPlanner.Slices)
            .Select(s => s.Path)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private void Write(string relative, string content)
    {
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
    }

    private void WriteBytes(string relative, byte[] content)
    {
        var full = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }
}
