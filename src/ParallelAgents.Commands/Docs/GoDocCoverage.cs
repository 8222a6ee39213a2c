using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Docs;

/// <summary>Exported Go declarations (capitalised top-level names) and whether a <c>//</c> doc comment directly precedes them.</summary>
public static partial class GoDocCoverage
{
    /// <summary>Every exported declaration of one file.</summary>
    public static IReadOnlyList<PublicSymbol> Symbols(string text)
    {
        var lines = MarkdownInspector.SplitLines(text);
        var symbols = new List<PublicSymbol>();
        var groupDocumented = false;
        var inGroup = false;
        var inBlockComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (inBlockComment)
            {
                inBlockComment = !trimmed.Contains("*/", StringComparison.Ordinal);
                continue;
            }

            if (trimmed.StartsWith("/*", StringComparison.Ordinal) && !trimmed.Contains("*/", StringComparison.Ordinal))
            {
                inBlockComment = true;
                continue;
            }

            if (inGroup)
            {
                if (trimmed.StartsWith(')'))
                {
                    inGroup = false;
                    continue;
                }

                var spec = GroupSpec().Match(line);
                if (spec.Success && char.IsUpper(spec.Groups["name"].Value[0]))
                {
                    symbols.Add(new PublicSymbol(spec.Groups["name"].Value, i + 1, groupDocumented || PrecededByComment(lines, i)));
                }

                continue;
            }

            var group = GroupStart().Match(line);
            if (group.Success)
            {
                inGroup = true;
                groupDocumented = PrecededByComment(lines, i);
                continue;
            }

            var declaration = Declaration().Match(line);
            if (declaration.Success && char.IsUpper(declaration.Groups["name"].Value[0]))
            {
                var receiver = declaration.Groups["receiver"].Success ? declaration.Groups["receiver"].Value + "." : string.Empty;
                if (receiver.Length > 0 && !char.IsUpper(receiver[0]))
                {
                    continue;
                }

                symbols.Add(new PublicSymbol(receiver + declaration.Groups["name"].Value, i + 1, PrecededByComment(lines, i)));
            }
        }

        return symbols;
    }

    private static bool PrecededByComment(List<string> lines, int index) =>
        index > 0 && (lines[index - 1].TrimStart().StartsWith("//", StringComparison.Ordinal) || lines[index - 1].TrimEnd().EndsWith("*/", StringComparison.Ordinal));

    [GeneratedRegex(@"^(?:func\s+(?:\(\s*\w*\s*\*?\s*(?<receiver>\w+)(?:\[[^\]]*\])?\s*\)\s*)?|type\s+|var\s+|const\s+)(?<name>[A-Za-z_]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^(?:var|const|type)\s*\(\s*$")]
    private static partial Regex GroupStart();

    [GeneratedRegex(@"^\s+(?<name>[A-Za-z_]\w*)\b")]
    private static partial Regex GroupSpec();
}
