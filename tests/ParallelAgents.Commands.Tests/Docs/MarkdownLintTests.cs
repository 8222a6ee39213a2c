using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Docs;

namespace ParallelAgents.Commands.Tests.Docs;

public sealed class MarkdownLintTests
{
    private static List<Finding> Lint(string text, int lineLength = 80)
    {
        var findings = new List<Finding>();
        MarkdownInspector.Inspect("doc.md", DocumentTypes.Guides, text.Length, text, lineLength, findings);
        return findings;
    }

    private static int[] Lines(List<Finding> findings, string rule) => findings.Where(f => f.RuleId == rule).Select(f => f.Line!.Value).ToArray();

    [Fact]
    public void A_clean_document_has_no_lint_findings()
    {
        var text = "# Title\n\nSome text with a [link](other.md) and <https://example.com>.\n\n## Part\n\n```bash\necho hi\n```\n\nLine with a break  \nnext.\n";
        Assert.Empty(Lint(text));
    }

    [Fact]
    public void MD001_flags_a_heading_that_skips_a_level()
    {
        Assert.Equal([3], Lines(Lint("# T\n\n### Deep\n"), "MD001"));
    }

    [Fact]
    public void MD009_flags_trailing_spaces_but_not_a_two_space_break_or_code()
    {
        var findings = Lint("# T\n\none \ntwo  \nthree   \n\n```text\ncode   \n```\n");
        Assert.Equal([3, 5], Lines(findings, "MD009"));
    }

    [Fact]
    public void MD013_uses_the_configured_length_and_spares_one_overflowing_word()
    {
        var longLine = string.Join(' ', Enumerable.Repeat("word", 10));
        var url = "see " + new string('x', 60);
        var findings = Lint($"# T\n\n{longLine}\n{url}\n", lineLength: 30);
        Assert.Equal([3], Lines(findings, "MD013"));
        Assert.Empty(Lines(Lint($"# T\n\n{longLine}\n", lineLength: 80), "MD013"));
    }

    [Fact]
    public void MD024_flags_a_repeated_heading()
    {
        Assert.Equal([7], Lines(Lint("# T\n\n## Setup\n\ntext\n\n## Setup\n"), "MD024"));
    }

    [Fact]
    public void MD025_flags_a_second_h1_and_counts_a_front_matter_title()
    {
        Assert.Equal([3], Lines(Lint("# One\n\n# Two\n"), "MD025"));
        Assert.Equal([5], Lines(Lint("---\ntitle: Hello\n---\n\n# One\n"), "MD025"));
    }

    [Fact]
    public void MD034_flags_bare_urls_only()
    {
        var findings = Lint("# T\n\nVisit https://example.com/a today.\n\n[ok](https://example.com/b) and <https://example.com/c>.\n");
        Assert.Equal([3], Lines(findings, "MD034"));
    }

    [Fact]
    public void MD040_flags_a_fence_without_language()
    {
        Assert.Equal([3], Lines(Lint("# T\n\n```\nx\n```\n"), "MD040"));
    }

    [Fact]
    public void MD041_flags_a_document_not_starting_with_h1()
    {
        Assert.Equal([1], Lines(Lint("Intro text\n\n# T\n"), "MD041"));
        Assert.Empty(Lines(Lint("<!-- comment -->\n# T\n"), "MD041"));
    }

    [Fact]
    public void MD047_flags_a_missing_final_newline()
    {
        Assert.Equal([3], Lines(Lint("# T\n\nend"), "MD047"));
    }

    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("What's new in v2.0?", "whats-new-in-v20")]
    [InlineData("C# & .NET", "c--net")]
    [InlineData("  Trim_me-ok ", "--trim_me-ok-")]
    [InlineData("Über Café", "über-café")]
    public void Slugs_follow_github_rules(string text, string slug)
    {
        Assert.Equal(slug, GitHubSlugger.BaseSlug(text));
    }

    [Fact]
    public void Repeated_headings_get_numbered_slugs()
    {
        var data = MarkdownInspector.Inspect("d.md", DocumentTypes.Guides, 0, "# A\n\n## Usage\n\n## Usage\n\n## Usage\n\n## `Usage` **1**\n", 80, []);
        Assert.Equal(["a", "usage", "usage-1", "usage-2", "usage-1-1"], data.Headings.Select(h => h.Slug).ToArray());
    }
}
