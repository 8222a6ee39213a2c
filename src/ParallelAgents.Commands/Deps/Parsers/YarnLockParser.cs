namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>yarn.lock, classic (v1, <c>version "x"</c>) and Berry (YAML, <c>version: x</c>) formats.</summary>
public sealed class YarnLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "yarn.lock";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var lines = TextLines.Split(source.Text);
        var deps = new List<Dependency>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] is ' ' or '\t' or '#' || line.Trim().Length == 0)
            {
                continue;
            }

            if (!line.TrimEnd().EndsWith(':'))
            {
                throw new ManifestFormatException($"Expected an entry header ending with ':' but found '{Clip(line)}'.", i + 1);
            }

            var header = line.TrimEnd()[..^1].Trim();
            var headerLine = i + 1;
            string? version = null;
            while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || lines[i + 1][0] is ' ' or '\t'))
            {
                i++;
                var body = lines[i];
                var trimmed = body.Trim();
                if (body.StartsWith("  ", StringComparison.Ordinal) && !body.StartsWith("   ", StringComparison.Ordinal) && trimmed.StartsWith("version", StringComparison.Ordinal))
                {
                    version = trimmed["version".Length..].TrimStart(':', ' ').Trim().Trim('"', '\'');
                }
            }

            if (header.StartsWith("__metadata", StringComparison.Ordinal))
            {
                continue;
            }

            var firstSpec = header.Split(',')[0].Trim().Trim('"', '\'');
            var at = firstSpec.IndexOf('@', 1);
            if (at <= 0)
            {
                throw new ManifestFormatException($"Cannot read a package name from '{Clip(header)}'.", headerLine);
            }

            var name = firstSpec[..at];
            var range = firstSpec[(at + 1)..];
            if (range.StartsWith("workspace:", StringComparison.Ordinal) || range.StartsWith("patch:", StringComparison.Ordinal)
                || range.StartsWith("link:", StringComparison.Ordinal) || range.StartsWith("portal:", StringComparison.Ordinal))
            {
                continue;
            }

            if (string.IsNullOrEmpty(version))
            {
                throw new ManifestFormatException($"Entry '{Clip(header)}' has no version.", headerLine);
            }

            if (!seen.Add((name, version)))
            {
                continue;
            }

            var exact = NpmSections.Exact(version);
            deps.Add(new Dependency(Ecosystems.Npm, name, exact ?? version, exact is not null, null, false, source.Path, headerLine));
        }

        return ParsedManifest.Of(deps);
    }

    private static string Clip(string s) => s.Length > 80 ? s[..80] + "..." : s;
}
