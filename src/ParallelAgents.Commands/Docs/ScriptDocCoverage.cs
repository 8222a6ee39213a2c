using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Docs;

/// <summary>Exported JavaScript/TypeScript declarations and whether a JSDoc block (<c>/** ... */</c>) directly precedes them.</summary>
public static partial class ScriptDocCoverage
{
    /// <summary>Every exported top-level declaration of one module.</summary>
    public static IReadOnlyList<PublicSymbol> Symbols(string text)
    {
        var lines = MarkdownInspector.SplitLines(text);
        var symbols = new List<PublicSymbol>();
        var inJsDoc = false;
        var lastJsDocEnd = -2;
        var inComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (inComment || inJsDoc)
            {
                if (trimmed.Contains("*/", StringComparison.Ordinal))
                {
                    if (inJsDoc)
                    {
                        lastJsDocEnd = i;
                    }

                    inComment = inJsDoc = false;
                }

                continue;
            }

            if (trimmed.StartsWith("/**", StringComparison.Ordinal))
            {
                if (trimmed.Contains("*/", StringComparison.Ordinal) && trimmed.IndexOf("*/", StringComparison.Ordinal) > 1)
                {
                    lastJsDocEnd = i;
                }
                else
                {
                    inJsDoc = true;
                }

                continue;
            }

            if (trimmed.StartsWith("/*", StringComparison.Ordinal))
            {
                inComment = !trimmed.Contains("*/", StringComparison.Ordinal);
                continue;
            }

            if (trimmed.StartsWith('@'))
            {
                // Decorators sit between a JSDoc block and its declaration.
                if (lastJsDocEnd == i - 1)
                {
                    lastJsDocEnd = i;
                }

                continue;
            }

            var match = Export().Match(lines[i]);
            if (match.Success)
            {
                symbols.Add(new PublicSymbol(match.Groups["name"].Success ? match.Groups["name"].Value : "default", i + 1, lastJsDocEnd == i - 1));
            }
        }

        return symbols;
    }

    [GeneratedRegex(@"^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s*(?<name>[A-Za-z_$][A-Za-z0-9_$]*)?")]
    private static partial Regex Export();
}
