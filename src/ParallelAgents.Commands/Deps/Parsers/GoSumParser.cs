namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>go.sum: every module version whose content hash is recorded (lines for <c>/go.mod</c> alone are not built and are skipped).</summary>
public sealed class GoSumParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "go.sum";

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
            var tokens = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            if (tokens.Length != 3 || !tokens[2].Contains(':'))
            {
                throw new ManifestFormatException("A go.sum line needs 'module version hash'.", i + 1);
            }

            if (tokens[1].EndsWith("/go.mod", StringComparison.Ordinal) || !seen.Add((tokens[0], tokens[1])))
            {
                continue;
            }

            deps.Add(new Dependency(Ecosystems.Go, tokens[0], tokens[1], true, null, false, source.Path, i + 1));
        }

        return ParsedManifest.Of(deps);
    }
}
