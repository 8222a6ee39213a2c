namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// go.mod: <c>require</c> lines and blocks (<c>// indirect</c> marks transitive requirements) with <c>replace</c>
/// directives applied; a replacement by a local path leaves the version unresolved.
/// </summary>
public sealed class GoModParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "go.mod";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var lines = TextLines.Split(source.Text);
        var requires = new List<(string Path, string Version, bool Indirect, int Line)>();
        var replaces = new Dictionary<string, (string? FromVersion, string To, string? ToVersion)>(StringComparer.Ordinal);
        string? block = null;
        var sawModule = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var comment = raw.IndexOf("//", StringComparison.Ordinal);
            var text = (comment >= 0 ? raw[..comment] : raw).Trim();
            var indirect = comment >= 0 && raw[(comment + 2)..].Trim().StartsWith("indirect", StringComparison.Ordinal);
            if (text.Length == 0)
            {
                continue;
            }

            if (block is not null)
            {
                if (text == ")")
                {
                    block = null;
                    continue;
                }

                Directive(block, Tokens(text), indirect, i + 1);
                continue;
            }

            var tokens = Tokens(text);
            var verb = tokens[0];
            if (tokens.Count == 2 && tokens[1] == "(")
            {
                block = verb;
                continue;
            }

            if (verb == "module")
            {
                sawModule = true;
            }

            Directive(verb, tokens.Skip(1).ToList(), indirect, i + 1);
        }

        if (block is not null)
        {
            throw new ManifestFormatException($"The '{block} (' block is not closed.", lines.Length);
        }

        if (!sawModule && requires.Count == 0)
        {
            throw new ManifestFormatException("No 'module' directive; this is not a go.mod file.", 1);
        }

        var deps = new List<Dependency>();
        foreach (var (path, version, indirect, line) in requires)
        {
            var name = path;
            var resolved = version;
            var isResolved = true;
            if (replaces.TryGetValue(path, out var r) && (r.FromVersion is null || r.FromVersion == version))
            {
                if (r.ToVersion is null)
                {
                    isResolved = false;
                    resolved = r.To;
                }
                else
                {
                    name = r.To;
                    resolved = r.ToVersion;
                }
            }

            deps.Add(new Dependency(Ecosystems.Go, name, resolved, isResolved, !indirect, false, source.Path, line));
        }

        return ParsedManifest.Of(deps);

        void Directive(string verb, List<string> args, bool indirect, int line)
        {
            switch (verb)
            {
                case "require":
                    if (args.Count != 2)
                    {
                        throw new ManifestFormatException("A require line needs a module path and a version.", line);
                    }

                    requires.Add((args[0], args[1], indirect, line));
                    break;
                case "replace":
                    var arrow = args.IndexOf("=>");
                    if (arrow is < 1 or > 2 || args.Count - arrow - 1 is < 1 or > 2)
                    {
                        throw new ManifestFormatException("A replace line needs 'module [version] => target [version]'.", line);
                    }

                    replaces[args[0]] = (arrow == 2 ? args[1] : null, args[arrow + 1], args.Count - arrow - 1 == 2 ? args[arrow + 2] : null);
                    break;
                case "module":
                case "go":
                case "toolchain":
                case "exclude":
                case "retract":
                case "godebug":
                case "tool":
                case "ignore":
                    break;
                default:
                    throw new ManifestFormatException($"Unknown go.mod directive '{verb}'.", line);
            }
        }
    }

    private static List<string> Tokens(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('"', '`')).ToList();
}
