using System.Text.Json;
using ParallelAgents.Commands.Docs;

namespace ParallelAgents.Commands.Tests.Docs;

public sealed class DocsPatchTests
{
    private static string LongDocument()
    {
        var text = "# Guide\n\nIntro.\n\n";
        for (var i = 1; i <= 4; i++)
        {
            text += $"## Part {i}\n\nText {i}.\n\n### Detail {i}\n\nMore.\n\n";
        }

        return text;
    }

    private static TempTree MovedTree() => new TempTree()
        .Write("README.md", "# Project\n\n## Install\n\n## Usage\n\nSee [setup](docs/setup.md#steps) and [guide](docs/guide.md).\n")
        .Write("docs/guides/setup.md", "# Setup\n\n## Steps\n\nDo it.\n")
        .Write("docs/guide.md", LongDocument())
        .Write("docs/architecture/overview.md", "# Overview\n\n![diagram](diagram.png)\n")
        .Write("docs/architecture/img/diagram.png", "png")
        .Write("docs/crlf.md", "# Crlf\r\n\r\n[x](setup.md)\r\n");

    [Fact]
    public async Task Update_offers_diffs_that_git_applies_and_that_fix_the_links()
    {
        using var tree = MovedTree();
        var before = Directory.GetFiles(tree.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var (_, results, section) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root, """{"update":true,"tocMinHeadings":8}""");
        Assert.All(results, r => Assert.Null(r.Error));

        // The service never writes the workspace.
        Assert.Equal(before, Directory.GetFiles(tree.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));

        using var data = JsonDocument.Parse(section.DataJson!);
        var patches = data.RootElement.GetProperty("patches");
        Assert.True(patches.GetProperty("offered").GetBoolean());
        var files = patches.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => string.Join(',', f.GetProperty("kinds").EnumerateArray().Select(k => k.GetString())));
        Assert.Equal("link-fix", files["README.md"]);
        Assert.Equal("toc", files["docs/guide.md"]);
        Assert.Equal("link-fix", files["docs/architecture/overview.md"]);
        Assert.Equal("link-fix", files["docs/crlf.md"]);
        Assert.Equal("docs-index", files["docs/README.md"]);
        var diff = patches.GetProperty("diff").GetString()!;

        // Apply for real on a copy with git, then check the links again: nothing broken remains.
        var copy = Path.Combine(Path.GetTempPath(), "pa-docs-apply-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyTree(tree.Root, copy);
            File.WriteAllText(Path.Combine(copy, "set.patch"), diff);
            var (init, initOutput) = ToolRunner.Run("git", copy, "init", "-q");
            Assert.True(init == 0, initOutput);
            var (check, checkOutput) = ToolRunner.Run("git", copy, "apply", "--check", "set.patch");
            Assert.True(check == 0, "git apply --check failed: " + checkOutput + "\n" + diff);
            var (apply, applyOutput) = ToolRunner.Run("git", copy, "apply", "set.patch");
            Assert.True(apply == 0, applyOutput);
            File.Delete(Path.Combine(copy, "set.patch"));
            Directory.Delete(Path.Combine(copy, ".git"), recursive: true);

            Assert.Contains("[setup](docs/guides/setup.md#steps)", File.ReadAllText(Path.Combine(copy, "README.md")), StringComparison.Ordinal);
            Assert.Contains("- [Part 1](#part-1)\n  - [Detail 1](#detail-1)", File.ReadAllText(Path.Combine(copy, "docs/guide.md")), StringComparison.Ordinal);
            Assert.Contains("[x](guides/setup.md)\r\n", File.ReadAllText(Path.Combine(copy, "docs/crlf.md")), StringComparison.Ordinal);

            var (_, _, after) = await CommandHarness.RunAsync(new DocsCommand(), copy, """{"update":true,"tocMinHeadings":8}""");
            Assert.DoesNotContain(after.Findings, f => f.RuleId is DocsRules.BrokenRelativeLink or DocsRules.BrokenAnchor or DocsRules.MissingImage);
            using var afterData = JsonDocument.Parse(after.DataJson!);
            Assert.Empty(afterData.RootElement.GetProperty("patches").GetProperty("files").EnumerateArray());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Ambiguous_moves_are_not_guessed()
    {
        using var tree = new TempTree()
            .Write("README.md", "# P\n\n## Install\n\n## Usage\n\n[a](notes.md)\n")
            .Write("one/notes.md", "# One\n")
            .Write("two/notes.md", "# Two\n");
        var (_, _, section) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root, """{"update":true}""");
        using var data = JsonDocument.Parse(section.DataJson!);
        Assert.DoesNotContain(data.RootElement.GetProperty("patches").GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "README.md");
    }

    [Fact]
    public async Task A_patch_set_with_one_bad_patch_is_withheld_whole_and_the_report_says_why()
    {
        // A document whose name contains '#' gets an index entry that cannot resolve: the whole set is withheld,
        // including the otherwise good link fix in README.md.
        using var tree = MovedTree().Write("docs/c#-notes.md", "# C# notes\n");
        var (_, _, section) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root, """{"update":true}""");
        using var data = JsonDocument.Parse(section.DataJson!);
        var patches = data.RootElement.GetProperty("patches");
        Assert.False(patches.GetProperty("offered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, patches.GetProperty("diff").ValueKind);
        var problems = patches.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Contains(problems, p => p.StartsWith("docs/README.md:", StringComparison.Ordinal) && p.Contains("c", StringComparison.Ordinal));
        Assert.Contains(section.Notes!, n => n.StartsWith("No patches offered", StringComparison.Ordinal));
        Assert.Contains("None offered", section.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_against_changed_content_does_not_apply()
    {
        var diff = UnifiedDiff.ForEdits("a.md", "one\ntwo\nthree\n", [new LineEdit(1, 1, ["TWO\n"])], out var updated);
        Assert.Equal("one\nTWO\nthree\n", updated);
        Assert.Equal("one\nTWO\nthree\n", PatchApplier.Apply(diff, _ => "one\ntwo\nthree\n")["a.md"].Text);
        Assert.Throws<PatchException>(() => PatchApplier.Apply(diff, _ => "one\n2\nthree\n"));
    }

    [Fact]
    public void Diffs_keep_a_missing_final_newline()
    {
        var diff = UnifiedDiff.ForEdits("a.md", "one\ntwo", [new LineEdit(1, 1, ["2"])], out var updated);
        Assert.Equal("one\n2", updated);
        Assert.Contains("\\ No newline at end of file", diff, StringComparison.Ordinal);
        Assert.Equal("one\n2", PatchApplier.Apply(diff, _ => "one\ntwo")["a.md"].Text);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
