using System.Text.RegularExpressions;
using ParallelAgents.Commands.Docs;

namespace ParallelAgents.Commands.Tests.Docs;

/// <summary>
/// The docs command's broken relative links agree with markdown-link-check (npm) run offline on the same files.
/// markdown-link-check checks relative files (fs.access on the resolved path) and same-document #anchors (its own
/// heading slugs plus HTML id/name); for "other.md#frag" it only checks that other.md exists, so cross-document
/// anchors (which the docs command checks too) are left out of the comparison.
/// </summary>
public sealed partial class MarkdownLinkCheckAgreementTests
{
    private static TempTree Fixture() => new TempTree()
        .Write("README.md", """
            # Project

            ## Install

            See [the guide](docs/guide.md), [setup](./docs/setup.md) and [missing](docs/nope.md).
            A [folder](docs/) and a [missing folder](nothere/).
            Root-relative [readme](/README.md) and [gone](/GONE.md).
            [Usage](#usage) works, [typo](#usag) does not.

            ## Usage

            ```bash
            cat [not a link](ignored.md)
            ```

            External [site](https://example.com/never-fetched) is ignored offline.
            """)
        .Write("docs/guide.md", """
            # Guide

            ## What's new?

            ## Usage

            ## Usage

            ## The `run` command

            ## **Bold** move

            Links: [new](#whats-new) [second usage](#usage-1) [third](#usage-2) [run](#the-run-command) [bold](#bold-move)
            [up](../README.md) [sibling](setup.md#anything) [dead sibling](setup-old.md) [space](my%20file.md)
            ![logo](img/logo.png) ![missing image](img/absent.png)
            [ref link][ref] and [dead ref][dead]

            <a href="setup.md">html ok</a> <a href="old.html">html dead</a> <img src="img/gone.svg">
            <a name="custom-anchor"></a>
            [custom](#custom-anchor) [bad custom](#custom-anchr)

            [ref]: setup.md
            [dead]: ../archive/old.md
            """)
        .Write("docs/setup.md", "# Setup\n\n## Steps\n\n[back](guide.md#usage) [guide anchor typo](guide.md#nope)\n")
        .Write("docs/my file.md", "# Space\n\n[up](../README.md)\n")
        .Write("docs/img/logo.png", "png");

    [Fact]
    public async Task Broken_relative_links_equal_what_markdown_link_check_reports()
    {
        var root = RepositoryRoot.Path;
        var tool = Path.Combine(root, ".tools", "node_modules", ".bin", "markdown-link-check");
        Assert.True(File.Exists(tool), $"markdown-link-check is not installed at {tool}; run scripts/install-docs-tools.sh first.");

        using var tree = Fixture();
        var config = Path.Combine(Path.GetTempPath(), "mlc-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """
            {
              "ignorePatterns": [ { "pattern": "^https?://" }, { "pattern": "^mailto:" } ],
              "replacementPatterns": [ { "pattern": "^/", "replacement": "{{BASEURL}}/" } ]
            }
            """);
        var files = new[] { "README.md", "docs/guide.md", "docs/setup.md", "docs/my file.md" };
        (int ExitCode, string Output) run;
        try
        {
            run = ToolRunner.Run(tool, tree.Root, ["-c", config, .. files]);
        }
        finally
        {
            File.Delete(config);
        }

        Assert.True(run.ExitCode is 0 or 1, "markdown-link-check failed to run: " + run.Output);
        var theirs = new SortedSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in run.Output.Split('\n'))
        {
            var file = FileLine().Match(line);
            if (file.Success)
            {
                current = file.Groups["file"].Value.Trim();
                continue;
            }

            var dead = DeadLine().Match(line);
            if (dead.Success && current is not null)
            {
                // The root-relative replacement shows up as a file URL; map it back to what the document says.
                var link = dead.Groups["link"].Value.Trim().Replace("file://" + tree.Root, string.Empty, StringComparison.Ordinal);
                theirs.Add($"{current} {link}");
            }
        }

        var (_, results, section) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root);
        Assert.All(results, r => Assert.Null(r.Error));
        var ours = new SortedSet<string>(
            section.Findings
                .Where(f => f.RuleId is DocsRules.BrokenRelativeLink or DocsRules.MissingImage
                    || (f.RuleId == DocsRules.BrokenAnchor && f.Properties!["target"].StartsWith('#')))
                .Select(f => $"{f.File} {f.Properties!["target"]}"),
            StringComparer.Ordinal);

        Assert.True(theirs.Count >= 10, "markdown-link-check reported too little to compare: " + run.Output);
        Assert.True(theirs.SetEquals(ours), $"markdown-link-check: {string.Join(" | ", theirs)}\ndocs command: {string.Join(" | ", ours)}");

        // The cross-document anchor typo is ours alone, by design.
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.BrokenAnchor && f.File == "docs/setup.md" && f.Properties!["target"] == "guide.md#nope");
    }

    [GeneratedRegex(@"^FILE: (?<file>.+)$")]
    private static partial Regex FileLine();

    [GeneratedRegex(@"^\s*\[✖\] (?<link>.+?)(?: → Status: \d+.*)?$")]
    private static partial Regex DeadLine();
}
