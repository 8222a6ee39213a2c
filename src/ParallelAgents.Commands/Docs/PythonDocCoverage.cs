using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Public Python functions, classes and methods (names without a leading underscore, not nested in functions) and
/// whether their body starts with a docstring.
/// </summary>
public static partial class PythonDocCoverage
{
    /// <summary>Every public symbol of one module.</summary>
    public static IReadOnlyList<PublicSymbol> Symbols(string text)
    {
        var lines = MarkdownInspector.SplitLines(text);
        var symbols = new List<PublicSymbol>();

        // Scopes of enclosing definitions: (indent, isClass, name).
        var scopes = new List<(int Indent, bool IsClass, string Name)>();
        var inString = false;
        string? stringDelimiter = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (inString)
            {
                if (line.Contains(stringDelimiter!, StringComparison.Ordinal))
                {
                    inString = false;
                }

                continue;
            }

            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - trimmed.Length;
            while (scopes.Count > 0 && indent <= scopes[^1].Indent)
            {
                scopes.RemoveAt(scopes.Count - 1);
            }

            var match = Definition().Match(line);
            if (match.Success)
            {
                var isClass = match.Groups["kind"].Value == "class";
                var name = match.Groups["name"].Value;
                var visible = !name.StartsWith('_') && scopes.All(s => s.IsClass && !s.Name.StartsWith('_'));
                var bodyStart = EndOfSignature(lines, i) + 1;
                if (visible)
                {
                    var qualified = string.Join('.', scopes.Select(s => s.Name).Append(name));
                    symbols.Add(new PublicSymbol(qualified, i + 1, HasDocstring(lines, bodyStart, match.Groups["rest"].Value)));
                }

                scopes.Add((indent, isClass, name));
                i = bodyStart - 1;
                continue;
            }

            // Skip over multi-line strings so their content is not read as code.
            foreach (var delimiter in new[] { "\"\"\"", "'''" })
            {
                var first = trimmed.IndexOf(delimiter, StringComparison.Ordinal);
                if (first >= 0 && trimmed.IndexOf(delimiter, first + 3, StringComparison.Ordinal) < 0)
                {
                    inString = true;
                    stringDelimiter = delimiter;
                    break;
                }
            }
        }

        return symbols;
    }

    private static int EndOfSignature(List<string> lines, int start)
    {
        var depth = 0;
        for (var i = start; i < lines.Count && i < start + 200; i++)
        {
            foreach (var c in lines[i])
            {
                depth += c switch { '(' or '[' or '{' => 1, ')' or ']' or '}' => -1, _ => 0 };
            }

            if (depth <= 0 && lines[i].TrimEnd().EndsWith(':'))
            {
                return i;
            }

            if (depth <= 0 && i > start)
            {
                return i;
            }
        }

        return start;
    }

    private static bool HasDocstring(List<string> lines, int bodyStart, string signatureRest)
    {
        // A one-line body after the colon: "def f(): ..." has no docstring unless it is one.
        var afterColon = signatureRest.Contains("):", StringComparison.Ordinal) ? signatureRest[(signatureRest.IndexOf("):", StringComparison.Ordinal) + 2)..].Trim() : string.Empty;
        if (afterColon.Length > 0 && !afterColon.StartsWith('#'))
        {
            return IsStringStart(afterColon);
        }

        for (var i = bodyStart; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            return IsStringStart(trimmed);
        }

        return false;
    }

    private static bool IsStringStart(string code) => DocstringStart().IsMatch(code);

    [GeneratedRegex(@"^\s*(?:async\s+)?(?<kind>def|class)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<rest>.*)$")]
    private static partial Regex Definition();

    [GeneratedRegex(@"^[rRuUbBfF]{0,2}(""""""|'''|""|')")]
    private static partial Regex DocstringStart();
}
