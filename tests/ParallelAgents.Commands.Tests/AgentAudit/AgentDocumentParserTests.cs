using System.Text;
using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Commands.Tests.AgentAudit;

public sealed class AgentDocumentParserTests
{
    [Fact]
    public void Frontmatter_keys_keep_their_order_and_lines()
    {
        var (doc, problem) = AgentDocumentParser.Parse("---\nname: a\n# comment\ntools:\n  - Read\nmodel: opus\n---\nbody\n", "a.md");

        Assert.Null(problem);
        Assert.Equal(["name", "tools", "model"], doc!.Entries.Select(e => e.Key).ToArray());
        Assert.Equal([2, 4, 6], doc.Entries.Select(e => e.Line).ToArray());
        Assert.Equal(7, doc.BodyStartIndex);
    }

    [Fact]
    public void A_duplicate_key_is_malformed_yaml_on_its_line()
    {
        var (doc, problem) = AgentDocumentParser.Parse("---\nname: a\ndescription: b\nname: c\n---\nbody\n", "a.md");

        Assert.Null(doc);
        Assert.Equal("AA006", problem!.RuleId);
        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Crlf_files_parse_like_lf_files()
    {
        var (doc, problem) = AgentDocumentParser.Parse("---\r\nname: a\r\ndescription: b\r\n---\r\n## Identity\r\n", "a.md");

        Assert.Null(problem);
        Assert.Equal("a", doc!.Scalar("name"));
        Assert.Equal("## Identity", doc.Lines[4]);
    }

    [Fact]
    public void A_utf8_bom_is_accepted_and_an_invalid_byte_is_reported_on_its_line()
    {
        var (text, problem) = DefinitionLoader.Decode([0xEF, 0xBB, 0xBF, .. "---\nname: a\n---\n"u8], "a.md");
        Assert.Null(problem);
        Assert.StartsWith("---", text, StringComparison.Ordinal);

        var (_, invalid) = DefinitionLoader.Decode([.. "---\nname: a\n"u8, 0xC3, 0x28], "a.md");
        Assert.Equal(("AA004", 3), (invalid!.RuleId, invalid.Line));

        var (_, blank) = DefinitionLoader.Decode(" \n\t\n"u8, "a.md");
        Assert.Equal("AA002", blank!.RuleId);
    }

    [Fact]
    public async Task Headings_inside_code_fences_do_not_count_as_sections()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var good = workspace.Read(".claude/agents/good/cc-good.md");
        var fenced = good.Replace("## Coordination\n", "```\n## Coordination\n```\n", StringComparison.Ordinal);
        workspace.Write(".claude/agents/good/cc-good.md", Encoding.UTF8.GetBytes(fenced));

        var (_, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root);

        Assert.Contains(section.Findings, f => f.File == ".claude/agents/good/cc-good.md" && f.RuleId == "CFG014" && f.Message.Contains("Coordination", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_crlf_file_gets_its_findings_but_no_fix_diff()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        const string Path = ".claude/agents/bad/cc004-name-not-stem.md";
        workspace.Write(Path, Encoding.UTF8.GetBytes(workspace.Read(Path).Replace("\n", "\r\n", StringComparison.Ordinal)));

        var (_, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), workspace.Root, """{"fix": true}""");

        Assert.Contains(section.Findings, f => f.File == Path && f.RuleId == "CC004" && f.Line == 2);
        Assert.DoesNotContain(Path, section.DataJson!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_workspace_gets_one_segment_per_category()
    {
        using var workspace = CorpusWorkspace.Create(withGeneratedBadFiles: false);
        var command = new AgentAuditCommand();
        var (assessment, _, _) = await CommandHarness.RunAsync(command, workspace.Root);
        var chosen = assessment.Items.Where(i => i.Id.StartsWith(".claude/agents/quality/", StringComparison.Ordinal) || i.Id.StartsWith(".claude/agents/good/", StringComparison.Ordinal)).ToArray();

        var plan = JobPlanner.Plan(chosen, PoolSettings.Resolve(command.Descriptor.Pool, CommandOptions.Empty), command.Descriptor.Strategy);

        Assert.Equal(["development", "quality", "security"], plan.Segments.Select(s => s.Key).ToArray());
        Assert.Equal(8, plan.Segments.Single(s => s.Key == "quality").Items.Count);
    }
}
