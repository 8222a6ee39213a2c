namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Directory.Packages.props: central PackageVersion and GlobalPackageReference items.</summary>
public sealed class DirectoryPackagesPropsParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "Directory.Packages.props";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var document = XmlManifest.Load(source.Text);
        if (document.Root is not { Name.LocalName: "Project" } project)
        {
            throw new ManifestFormatException("The root element must be <Project>.", XmlManifest.Line(document.Root));
        }

        var properties = XmlManifest.Children(project, "PropertyGroup").SelectMany(g => g.Elements())
            .GroupBy(e => e.Name.LocalName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.OrdinalIgnoreCase);
        var deps = MsBuildProjectParser.PackageVersions(document)
            .Select(p =>
            {
                var expanded = NuGetVersionSpec.Expand(p.Version, properties);
                var exact = NuGetVersionSpec.Exact(expanded);
                return new Dependency(Ecosystems.NuGet, p.Name, exact ?? expanded, exact is not null, true, false, source.Path, p.Line);
            })
            .ToList();
        return ParsedManifest.Of(deps);
    }
}
