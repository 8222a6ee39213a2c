using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>pnpm-lock.yaml, lockfile versions 5 (<c>/name/1.0.0</c>), 6 (<c>/name@1.0.0</c>) and 9 (<c>name@1.0.0</c>, importers).</summary>
public sealed class PnpmLockParser : IManifestParser
{
    private static readonly string[] Sections = ["dependencies", "devDependencies", "optionalDependencies"];

    /// <inheritdoc />
    public string Format => "pnpm-lock.yaml";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(source.Text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ManifestFormatException("The top level must be a YAML mapping.", 1);
        }

        // name -> (version, dev) for every importer's direct dependencies.
        var direct = new Dictionary<(string, string), bool>();
        var importers = Mapping(root, "importers");
        IEnumerable<YamlMappingNode> projects = importers is null ? [root] : importers.Children.Values.OfType<YamlMappingNode>();
        foreach (var project in projects)
        {
            foreach (var section in Sections)
            {
                foreach (var (key, value) in Entries(Mapping(project, section)))
                {
                    var version = value switch
                    {
                        YamlScalarNode s => s.Value,
                        YamlMappingNode m => Scalar(m, "version"),
                        _ => null,
                    };
                    if (key is YamlScalarNode k && k.Value is { } name && version is not null)
                    {
                        direct.TryAdd((name, StripPeers(version)), section == "devDependencies");
                    }
                }
            }
        }

        var deps = new List<Dependency>();
        foreach (var (keyNode, value) in Entries(Mapping(root, "packages")))
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                continue;
            }

            var (name, version) = SplitKey(key) ?? throw new ManifestFormatException($"Cannot read a package name and version from '{key}'.", (int)keyNode.Start.Line);
            var isDirect = direct.TryGetValue((name, version), out var directDev);
            var devText = value is YamlMappingNode m ? Scalar(m, "dev") : null;
            var dev = devText is not null ? devText == "true" : isDirect && directDev;
            var exact = NpmSections.Exact(version);
            deps.Add(new Dependency(Ecosystems.Npm, name, exact ?? version, exact is not null, isDirect, dev, source.Path, (int)keyNode.Start.Line));
        }

        return ParsedManifest.Of(deps);
    }

    private static (string Name, string Version)? SplitKey(string key)
    {
        var k = StripPeers(key.TrimStart('/'));

        // Version 5 keys are /name/version or /@scope/name/version, with peers after '_'.
        var parts = k.Split('/');
        var nameParts = parts[0].StartsWith('@') ? 2 : 1;
        if (parts.Length == nameParts + 1 && parts[nameParts].Length > 0 && char.IsAsciiDigit(parts[nameParts][0]))
        {
            var version = parts[nameParts];
            var underscore = version.IndexOf('_');
            return (string.Join('/', parts.Take(nameParts)), underscore > 0 ? version[..underscore] : version);
        }

        var at = k.LastIndexOf('@');
        return at > 0 ? (k[..at], k[(at + 1)..]) : null;
    }

    private static string StripPeers(string version)
    {
        var paren = version.IndexOf('(');
        return paren > 0 ? version[..paren] : version;
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? node) =>
        node?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
}
