namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>packages.config: <c>&lt;package id version developmentDependency&gt;</c> entries (every entry is installed, so all count as direct).</summary>
public sealed class PackagesConfigParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "packages.config";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var document = XmlManifest.Load(source.Text);
        if (document.Root is not { Name.LocalName: "packages" } root)
        {
            throw new ManifestFormatException("The root element must be <packages>.", XmlManifest.Line(document.Root));
        }

        var deps = new List<Dependency>();
        foreach (var package in XmlManifest.Children(root, "package"))
        {
            var id = (string?)package.Attribute("id");
            var version = (string?)package.Attribute("version");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
            {
                throw new ManifestFormatException("A <package> needs 'id' and 'version'.", XmlManifest.Line(package));
            }

            var dev = string.Equals((string?)package.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase);
            var exact = NuGetVersionSpec.Exact(version);
            deps.Add(new Dependency(Ecosystems.NuGet, id, exact ?? version, exact is not null, true, dev, source.Path, XmlManifest.Line(package)));
        }

        return ParsedManifest.Of(deps);
    }
}
