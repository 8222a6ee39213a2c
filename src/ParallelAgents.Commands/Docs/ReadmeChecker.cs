using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>README rules: an H1, and for the root README the required sections.</summary>
public static class ReadmeChecker
{
    /// <summary>Findings for one analysed README.</summary>
    /// <param name="document">The README.</param>
    /// <param name="requiredSections">Required sections; each entry lists alternatives separated by '|', matched case-insensitively inside heading text.</param>
    public static IReadOnlyList<Finding> Check(DocumentData document, IReadOnlyList<string> requiredSections)
    {
        var findings = new List<Finding>();
        if (!document.Headings.Any(h => h.Level == 1))
        {
            findings.Add(new(DocsRules.ReadmeWithoutTitle, Severity.Medium, "README has no H1; start it with '# Project name'.", document.Path, 1));
        }

        if (document.Path.Contains('/', StringComparison.Ordinal))
        {
            return findings;
        }

        foreach (var section in requiredSections)
        {
            var alternatives = section.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (alternatives.Length == 0)
            {
                continue;
            }

            var present = document.Headings.Any(h => h.Level > 1 && alternatives.Any(a => h.Text.Contains(a, StringComparison.OrdinalIgnoreCase)));
            if (!present)
            {
                findings.Add(new(DocsRules.ReadmeMissingSection, Severity.Medium, $"README has no '{alternatives[0]}' section (a heading containing any of: {string.Join(", ", alternatives)}); add one.", document.Path, 1, Properties: new Dictionary<string, string> { ["section"] = alternatives[0] }));
            }
        }

        return findings;
    }
}
