using ParallelAgents.Abstractions;
using ParallelAgents.Commands.AgentAudit;

namespace ParallelAgents.Commands.Tests.AgentAudit;

public sealed class AgentAuditCorpusTests
{
    private const string Bad = ".claude/agents/bad/";
    private const string Skills = ".claude/skills/";

    // Every finding the corpus must produce, by file: (rule id, line). Files not listed must produce none.
    private static readonly Dictionary<string, (string Rule, int Line)[]> Expected = new(StringComparer.Ordinal)
    {
        [".claude/agents/quality/quality-agent-8.md"] = [("CFG007", 6)],
        [".claude/agents/dup-a/cc005-duplicate.md"] = [("CC005", 2)],
        [".claude/agents/dup-b/cc005-duplicate.md"] = [("CC005", 2)],
        [Bad + "cc001-name-missing.md"] = [("CC001", 1), ("CFG001", 1)],
        [Bad + "cc002-name-invalid.md"] = [("CC002", 2)],
        [Bad + "cc003-description-missing.md"] = [("CC003", 3)],
        [Bad + "cc004-name-not-stem.md"] = [("CC004", 2)],
        [Bad + "cc006-tools-list.md"] = [("CC006", 4)],
        [Bad + "cc007-unknown-tool.md"] = [("CC007", 4)],
        [Bad + "cc008-invalid-model.md"] = [("CC008", 5), ("CFG003", 5)],
        [Bad + "cc009-permission-mode.md"] = [("CC009", 8)],
        [Bad + "cc010-memory.md"] = [("CC010", 8)],
        [Bad + "cc011-unknown-key.md"] = [("CC011", 8)],
        [Bad + "cc012-max-turns.md"] = [("CC012", 8)],
        [Bad + "cc013-bypass.md"] = [("CC013", 8)],
        [Bad + "cc014-bash-write.md"] = [("CC014", 4)],
        [Bad + "cc015-secret.md"] = [("CC015", 15)],
        [Bad + "cc016-no-tools.md"] = [("CC016", 1), ("CFG001", 1)],
        [Bad + "cfg001-missing-category-color.md"] = [("CFG001", 1), ("CFG001", 1)],
        [Bad + "cfg002-field-order.md"] = [("CFG002", 4), ("CC006", 5)],
        [Bad + "cfg003-model.md"] = [("CFG003", 5)],
        [Bad + "cfg004-white.md"] = [("CFG004", 7)],
        [Bad + "cfg005-unknown-category.md"] = [("CFG005", 6)],
        [Bad + "cfg006-mismatch.md"] = [("CFG006", 7)],
        [Bad + "cfg008-multiline.md"] = [("CFG008", 3)],
        [Bad + "cfg009-long.md"] = [("CFG009", 3)],
        [Bad + "cfg010-no-trigger.md"] = [("CFG010", 3)],
        [Bad + "cfg011-must-be-used.md"] = [("CFG011", 3)],
        [Bad + "cfg012-thinking-mismatch.md"] = [("CFG012", 9)],
        [Bad + "cfg012-thinking-alone.md"] = [("CFG012", 8)],
        [Bad + "cfg013-forbidden.md"] = [("CFG013", 8)],
        [Bad + "cfg014-missing-section.md"] = [("CFG014", 1)],
        [Bad + "cfg014-no-boundary.md"] = [("CFG014", 1), ("CFG015", 1)],
        [Bad + "cfg015-no-sentence.md"] = [("CFG015", 41)],
        [Bad + "cfg016-task.md"] = [("CFG016", 4)],
        [Bad + "cfg017-short.md"] = [("CFG017", 9)],
        [Bad + "cfg017-long.md"] = [("CFG017", 75)],
        [CorpusWorkspace.HugeFile] = [("AA001", 1)],
        [Bad + "aa002-empty.md"] = [("AA002", 1)],
        [CorpusWorkspace.BinaryFile] = [("AA003", 3)],
        [CorpusWorkspace.Latin1File] = [("AA004", 3)],
        [Bad + "aa005-no-frontmatter.md"] = [("AA005", 1)],
        [Bad + "aa006-malformed.md"] = [("AA006", 3)],
        [Bad + "aa006-unterminated.md"] = [("AA006", 1)],
        [Bad + "aa007-not-mapping.md"] = [("AA007", 2)],
        [Skills + "sk001-no-name/SKILL.md"] = [("SK001", 1)],
        [Skills + "sk002-bad-name/SKILL.md"] = [("SK002", 2)],
        [Skills + "sk003-mismatch/SKILL.md"] = [("SK003", 2)],
        [Skills + "sk004-no-description/SKILL.md"] = [("SK004", 1)],
        [Skills + "sk005-long-description/SKILL.md"] = [("SK005", 3)],
        [Skills + "sk006-unknown-key/SKILL.md"] = [("SK006", 4)],
        [Skills + "sk007-context/SKILL.md"] = [("SK007", 4)],
        [Skills + "sk008-missing-reference/SKILL.md"] = [("SK008", 6), ("SK008", 7)],
        [Skills + "sk009-unknown-agent/SKILL.md"] = [("SK009", 4)],
        [Skills + "sk010-dup/SKILL.md"] = [("SK010", 2)],
        ["skills/sk010-dup.md"] = [("SK010", 2)],
    };

    // Files that pass every rule.
    private static readonly string[] Passing =
    [
        ".claude/agents/good/cc-good.md",
        ".claude/agents/good/restricted-bash.md",
        ".claude/agents/good/must-be-used.md",
        ".claude/agents/quality/quality-agent-1.md",
        ".claude/agents/quality/quality-agent-7.md",
        "system-configs/.claude/agents/ops-good.md",
        "custom-agents/extra-good.md",
        Skills + "pdf-tools/SKILL.md",
        "skills/legacy-helper.md",
    ];

    [Fact]
    public async Task Every_corpus_file_gets_exactly_the_expected_findings_by_rule_and_line()
    {
        using var workspace = CorpusWorkspace.Create();
        var (assessment, results, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"paths": ["custom-agents"]}""");

        Assert.All(results, r => Assert.Null(r.Error));
        var audited = assessment.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Expected.Keys.Concat(Passing))
        {
            Assert.Contains(file, audited);
        }

        var actual = section.Findings
            .GroupBy(f => f.File!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => $"{f.RuleId}@{f.Line}").Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in audited)
        {
            var expected = Expected.TryGetValue(file, out var e) ? e.Select(x => $"{x.Rule}@{x.Line}").Order(StringComparer.Ordinal).ToArray() : [];
            var got = actual.GetValueOrDefault(file) ?? [];
            if (!expected.SequenceEqual(got))
            {
                problems.Add($"{file}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", got)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_rule_has_a_corpus_file_that_triggers_it_and_findings_carry_the_rule_severity()
    {
        using var workspace = CorpusWorkspace.Create();
        var (_, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"paths": ["custom-agents"]}""");

        var fired = section.Findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var silent = AgentRules.All.Select(r => r.Id).Where(id => !fired.Contains(id)).ToArray();
        Assert.True(silent.Length == 0, "Rules no corpus file triggers: " + string.Join(", ", silent));
        Assert.Equal(AgentRules.All.Select(r => r.Id).Order(StringComparer.Ordinal), section.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        var severity = AgentRules.All.ToDictionary(r => r.Id, r => r.DefaultSeverity, StringComparer.Ordinal);
        Assert.All(section.Findings, f => Assert.Equal(severity[f.RuleId], f.Severity));
        Assert.All(section.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        Assert.All(section.Findings, f => Assert.True(f.Line >= 1));
    }

    [Fact]
    public async Task Rule_ids_are_unique_and_stable()
    {
        Assert.Equal(AgentRules.All.Count, AgentRules.All.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(50, AgentRules.All.Count);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Items_are_keyed_by_category_with_skills_and_uncategorized_files_in_their_own_keys()
    {
        using var workspace = CorpusWorkspace.Create();
        var (assessment, _, _) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root);

        var keys = assessment.Items.ToDictionary(i => i.Id, i => i.Key, StringComparer.Ordinal);
        Assert.Equal("development", keys[".claude/agents/good/cc-good.md"]);
        Assert.Equal("operations", keys["system-configs/.claude/agents/ops-good.md"]); // category: coordination is an alias
        Assert.Equal("marketing", keys[Bad + "cfg005-unknown-category.md"]);
        Assert.Equal("uncategorized", keys[Bad + "cfg001-missing-category-color.md"]);
        Assert.Equal("uncategorized", keys[CorpusWorkspace.BinaryFile]);
        Assert.Equal("skills", keys[Skills + "pdf-tools/SKILL.md"]);
        Assert.Equal("skills", keys["skills/legacy-helper.md"]);
        Assert.DoesNotContain(".claude/agents/README.md", keys.Keys);
        Assert.DoesNotContain("custom-agents/extra-good.md", keys.Keys); // only with options.paths
        Assert.DoesNotContain(Skills + "pdf-tools/references/forms.md", keys.Keys);
    }

    [Fact]
    public async Task Rule_packs_are_chosen_per_job()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var (_, _, codeOnly) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"rulePacks": ["claude-code"]}""");
        var (_, _, configOnly) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"rulePacks": "claude-config"}""");

        Assert.DoesNotContain(codeOnly.Findings, f => f.RuleId.StartsWith("CFG", StringComparison.Ordinal));
        Assert.Contains(codeOnly.Findings, f => f.RuleId == "CC005");
        Assert.DoesNotContain(codeOnly.Rules, r => r.Id.StartsWith("CFG", StringComparison.Ordinal));
        Assert.DoesNotContain(configOnly.Findings, f => f.RuleId.StartsWith("CC", StringComparison.Ordinal));
        Assert.Contains(configOnly.Findings, f => f.RuleId == "CFG007");

        // Without claude-config, its extra keys are unknown to the official format.
        Assert.Contains(codeOnly.Findings, f => f.RuleId == "CC011" && f.File == ".claude/agents/good/cc-good.md" && f.Line == 6);
    }

    [Fact]
    public async Task Paths_outside_the_workspace_or_missing_are_ignored_with_a_note()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var (assessment, _, _) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"paths": ["../", "/etc", "missing", "custom-agents/"]}""");

        Assert.Contains("custom-agents/extra-good.md", assessment.Items.Select(i => i.Id));
        Assert.DoesNotContain(assessment.Items, i => i.Id.StartsWith("..", StringComparison.Ordinal) || i.Id.StartsWith('/'));
        var notes = assessment.Notes ?? [];
        Assert.Contains(notes, n => n.Contains("'../' is outside the workspace", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("'/etc' is outside the workspace", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("'missing' is not a folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Body_length_and_category_limits_follow_the_options()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var (_, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"maxBodyLines": 500, "minBodyLines": 10, "maxAgentsPerCategory": 8}""");

        Assert.DoesNotContain(section.Findings, f => f.RuleId is "CFG017" or "CFG007");
    }

    [Fact]
    public async Task A_five_megabyte_file_is_read_when_the_size_limit_allows_it()
    {
        using var workspace = CorpusWorkspace.Create();
        var (_, results, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"maxFileBytes": 10485760}""");

        Assert.All(results, r => Assert.Null(r.Error));
        var huge = section.Findings.Where(f => f.File == CorpusWorkspace.HugeFile).Select(f => f.RuleId).ToArray();
        Assert.DoesNotContain("AA001", huge);
        Assert.Contains("CFG017", huge); // it was parsed: its body is far too long
    }
}
