using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ParallelAgents.Commands.AgentAudit;

namespace ParallelAgents.Commands.Tests.AgentAudit;

public sealed class AgentAuditFixTests
{
    private const string Bad = ".claude/agents/bad/";

    // File → rules its fixes resolve.
    private static readonly Dictionary<string, string[]> Fixable = new(StringComparer.Ordinal)
    {
        [Bad + "cc004-name-not-stem.md"] = ["CC004"],
        [Bad + "cc006-tools-list.md"] = ["CC006"],
        [Bad + "cfg002-field-order.md"] = ["CFG002", "CC006"],
        [Bad + "cfg014-no-boundary.md"] = ["CFG014", "CFG015"],
        [Bad + "cfg015-no-sentence.md"] = ["CFG015"],
        [Bad + "cfg014-no-newline.md"] = ["CFG014", "CFG015"],
        [".claude/skills/sk003-mismatch/SKILL.md"] = ["SK003"],
    };

    [Fact]
    public async Task Fix_diffs_apply_with_git_and_resolve_the_findings_they_fix_without_touching_the_workspace()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        AddFileWithoutFinalNewline(workspace);
        var before = Hashes(workspace.Root);

        var (_, results, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"fix": true}""");

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(before, Hashes(workspace.Root));
        var fixes = JsonNode.Parse(section.DataJson!)!["fixes"]!.AsArray()
            .ToDictionary(f => f!["file"]!.GetValue<string>(), f => f!["diff"]!.GetValue<string>(), StringComparer.Ordinal);
        Assert.Equal(Fixable.Keys.Order(StringComparer.Ordinal), fixes.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, diff) in fixes)
        {
            Assert.StartsWith($"--- a/{file}\n+++ b/{file}\n@@ ", diff, StringComparison.Ordinal);
            Assert.Contains($"#### `{file}`", section.Markdown, StringComparison.Ordinal);
        }

        Assert.Contains("```diff", section.Markdown, StringComparison.Ordinal);

        var patchFile = Path.Combine(Path.GetTempPath(), $"agent-audit-{Guid.NewGuid():N}.diff");
        await File.WriteAllTextAsync(patchFile, string.Concat(fixes.Values));
        try
        {
            var check = ExternalTool.Run("git", ["apply", "--check", "--verbose", patchFile], workspace.Root);
            Assert.True(check.ExitCode == 0, "git apply --check failed:\n" + check.Output + "\n" + string.Concat(fixes.Values));
            var apply = ExternalTool.Run("git", ["apply", patchFile], workspace.Root);
            Assert.True(apply.ExitCode == 0, apply.Output);
        }
        finally
        {
            File.Delete(patchFile);
        }

        var (_, _, after) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"fix": true}""");
        foreach (var (file, rules) in Fixable)
        {
            Assert.DoesNotContain(after.Findings, f => f.File == file && rules.Contains(f.RuleId));
        }

        Assert.Empty(JsonNode.Parse(after.DataJson!)!["fixes"]!.AsArray());
        Assert.Contains("\ntools: Read, Grep\n", workspace.Read(Bad + "cc006-tools-list.md"), StringComparison.Ordinal);
        Assert.StartsWith("---\nname: cfg002-field-order\ndescription: ", workspace.Read(Bad + "cfg002-field-order.md"), StringComparison.Ordinal);
        Assert.Contains("\ntools: Read, Grep\nmodel: sonnet\ncategory: design\ncolor: pink\n---\n", workspace.Read(Bad + "cfg002-field-order.md"), StringComparison.Ordinal);
        Assert.Contains("\nname: cc004-name-not-stem\n", workspace.Read(Bad + "cc004-name-not-stem.md"), StringComparison.Ordinal);
        Assert.EndsWith("## SYSTEM BOUNDARY\n\n" + AgentFixer.BoundaryText + "\n", workspace.Read(Bad + "cfg014-no-newline.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_fix_option_no_diffs_are_produced()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var (_, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root);

        Assert.Empty(JsonNode.Parse(section.DataJson!)!["fixes"]!.AsArray());
        Assert.DoesNotContain("```diff", section.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Unified_diff_marks_a_missing_final_newline_and_applies_with_patch()
    {
        var dir = Path.Combine(Path.GetTempPath(), "udiff-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string[] old = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
            string[] changed = ["a", "B", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
            File.WriteAllText(Path.Combine(dir, "f.txt"), string.Join('\n', old));
            var diff = UnifiedDiff.Create("f.txt", old, false, changed, true)!;

            Assert.Contains("\\ No newline at end of file\n", diff, StringComparison.Ordinal);
            Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
            File.WriteAllText(Path.Combine(dir, "f.diff"), diff);
            var result = ExternalTool.Run("patch", ["-p1", "-i", "f.diff"], dir);
            Assert.True(result.ExitCode == 0, result.Output + "\n" + diff);
            Assert.Equal(string.Join('\n', changed) + "\n", File.ReadAllText(Path.Combine(dir, "f.txt")));
            Assert.Null(UnifiedDiff.Create("f.txt", old, true, old, true));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AddFileWithoutFinalNewline(CorpusWorkspace workspace)
    {
        var text = workspace.Read(Bad + "cfg014-no-boundary.md").Replace("cfg014-no-boundary", "cfg014-no-newline", StringComparison.Ordinal).TrimEnd('\n');
        workspace.Write(Bad + "cfg014-no-newline.md", System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
