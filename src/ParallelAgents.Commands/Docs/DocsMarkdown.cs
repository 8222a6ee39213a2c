using System.Globalization;
using System.Text;

namespace ParallelAgents.Commands.Docs;

/// <summary>The docs command's Markdown section: documents and findings by type and rule, coverage, external links, patches.</summary>
internal static class DocsMarkdown
{
    /// <summary>Renders the section.</summary>
    public static string Write(
        Dictionary<string, int> documentsByType, Dictionary<string, int> findingsByType, Dictionary<string, int> findingsByRule, IReadOnlyList<CoverageData> coverage,
        int totalSymbols, int totalDocumented, PatchSummary? patches, ExternalSummary? external)
    {
        var md = new StringBuilder();
        md.Append("## Documentation\n\n### By document type\n\n| type | documents | findings |\n|---|---:|---:|\n");
        foreach (var type in DocumentTypes.All)
        {
            var count = type == DocumentTypes.CodeDocs ? coverage.Count : documentsByType[type];
            md.Append(CultureInfo.InvariantCulture, $"| {type} | {count} | {findingsByType[type]} |\n");
        }

        md.Append("\n### By rule\n\n");
        if (findingsByRule.Count == 0)
        {
            md.Append("No findings.\n");
        }
        else
        {
            md.Append("| rule | name | findings |\n|---|---|---:|\n");
            foreach (var (rule, count) in findingsByRule)
            {
                var name = DocsRules.All.FirstOrDefault(r => r.Id == rule)?.Name ?? rule;
                md.Append(CultureInfo.InvariantCulture, $"| {rule} | {name} | {count} |\n");
            }
        }

        if (coverage.Count > 0)
        {
            md.Append("\n### Code-doc coverage\n\n| project | language | files | public symbols | documented | coverage |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var c in coverage)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {c.Project} | {c.Language} | {c.Files} | {c.Symbols} | {c.Documented} | {c.Ratio:P1} |\n");
            }

            var ratio = totalSymbols == 0 ? 1 : (double)totalDocumented / totalSymbols;
            md.Append(CultureInfo.InvariantCulture, $"| **total** | | {coverage.Sum(c => c.Files)} | {totalSymbols} | {totalDocumented} | {ratio:P1} |\n");
        }

        if (external is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n### External links\n\n{external.Checked} distinct URL(s) checked, {external.Failed} failed ({external.BrokenOccurrences} occurrence(s)).\n");
        }

        if (patches is not null)
        {
            md.Append("\n### Proposed patches\n\n");
            if (patches.Diff is not null)
            {
                md.Append(CultureInfo.InvariantCulture, $"{patches.Files.Count} file(s); apply with `git apply` at the workspace root.\n\n```diff\n");
                var lines = patches.Diff.Split('\n');
                md.Append(string.Join('\n', lines.Take(300)));
                md.Append(lines.Length > 300 ? "\n... (full diff in the JSON report)\n```\n" : "```\n");
            }
            else if (patches.Problems.Count > 0)
            {
                md.Append("None offered: the patch set failed its check (all or nothing):\n\n");
                foreach (var problem in patches.Problems.Take(20))
                {
                    md.Append("- ").Append(problem).Append('\n');
                }
            }
            else
            {
                md.Append("None needed.\n");
            }
        }

        return md.ToString();
    }
}
