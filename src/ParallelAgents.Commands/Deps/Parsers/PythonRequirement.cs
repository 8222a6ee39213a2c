using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>One PEP 508 requirement: name, extras, version specifier and environment marker.</summary>
/// <param name="Name">Distribution name as written.</param>
/// <param name="Extras">Requested extras.</param>
/// <param name="Specifier">Version specifier (<c>&gt;=2,&lt;3</c>), empty when none.</param>
/// <param name="Marker">Environment marker after ';', empty when none.</param>
/// <param name="Pinned">The exact version when the specifier is <c>==X</c> (no wildcard) or <c>===X</c>.</param>
public sealed partial record PythonRequirement(string Name, IReadOnlyList<string> Extras, string Specifier, string Marker, string? Pinned)
{
    /// <summary>The direct dependency this requirement declares: pinned when exact, else its specifier (or <c>*</c>).</summary>
    public Dependency ToDependency(bool dev, string file, int line) =>
        new(Ecosystems.PyPI, Name, Pinned ?? (Specifier.Length == 0 ? "*" : Specifier), Pinned is not null, true, dev, file, line);

    /// <summary>Parses a requirement; null when the text is not one.</summary>
    public static PythonRequirement? Parse(string text)
    {
        var marker = string.Empty;
        var semicolon = text.IndexOf(';');
        if (semicolon >= 0)
        {
            marker = text[(semicolon + 1)..].Trim();
            text = text[..semicolon];
        }

        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var extras = m.Groups["extras"].Success
            ? m.Groups["extras"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        var spec = m.Groups["spec"].Value.Trim().Trim('(', ')').Trim();
        string? pinned = null;
        if (spec.StartsWith("===", StringComparison.Ordinal))
        {
            pinned = spec[3..].Trim();
        }
        else if (spec.StartsWith("==", StringComparison.Ordinal) && !spec.Contains(',') && !spec.Contains('*'))
        {
            pinned = spec[2..].Trim();
        }

        if (spec.StartsWith('@'))
        {
            pinned = null;
        }

        return new PythonRequirement(m.Groups["name"].Value, extras, spec, marker, string.IsNullOrEmpty(pinned) ? null : pinned);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[(?<extras>[^\]]*)\])?\s*(?<spec>(?:[<>=!~@(].*)?)$", RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
