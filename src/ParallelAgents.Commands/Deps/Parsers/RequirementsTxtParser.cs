namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// requirements*.txt: one PEP 508 requirement a line with comments, line continuations, extras, markers and
/// per-line options; <c>-r</c>/<c>-e</c>/<c>--index-url</c> lines and URLs are skipped. Files named for dev or test
/// count as development dependencies.
/// </summary>
public sealed class RequirementsTxtParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "requirements.txt";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var fileName = source.Path[(source.Path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        var dev = fileName.Contains("dev", StringComparison.Ordinal) || fileName.Contains("test", StringComparison.Ordinal)
            || source.Path.Contains("/dev/", StringComparison.Ordinal);
        var lines = TextLines.Split(source.Text);
        var deps = new List<Dependency>();
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i + 1;
            var text = StripComment(lines[i]);
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                i++;
                text = text[..^1] + " " + StripComment(lines[i]);
            }

            text = text.Trim();
            if (text.Length == 0 || text.StartsWith('-') || text.Contains("://", StringComparison.Ordinal) && !text.Contains('@')
                || text.StartsWith('.') || text.StartsWith('/'))
            {
                continue;
            }

            var option = text.IndexOf(" --", StringComparison.Ordinal);
            if (option >= 0)
            {
                text = text[..option].Trim();
            }

            var requirement = PythonRequirement.Parse(text)
                ?? throw new ManifestFormatException($"'{(text.Length > 80 ? text[..80] : text)}' is not a requirement (PEP 508).", start);
            deps.Add(requirement.ToDependency(dev, source.Path, start));
        }

        return ParsedManifest.Of(deps);
    }

    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }
}
