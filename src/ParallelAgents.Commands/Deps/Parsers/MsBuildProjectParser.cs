using System.Xml.Linq;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// *.csproj / *.fsproj / *.vbproj: PackageReference items (Version attribute or element, VersionOverride, $(Property)
/// versions). A reference without a version takes it from the nearest Directory.Packages.props above the project and
/// is reported at that line. PrivateAssets="all" counts as dev. PackageLicenseExpression is the project's license.
/// </summary>
public sealed class MsBuildProjectParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "csproj";

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

        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in XmlManifest.Children(project, "PropertyGroup").SelectMany(g => g.Elements()))
        {
            properties[property.Name.LocalName] = property.Value.Trim();
        }

        Dictionary<string, (string Version, string File, int Line)>? central = null;
        var deps = new List<Dependency>();
        foreach (var reference in project.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            var name = (string?)reference.Attribute("Include") ?? (string?)reference.Attribute("Update");
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var dev = string.Equals(Attr(reference, "PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase);
            var spec = Attr(reference, "VersionOverride") ?? Attr(reference, "Version");
            if (spec is not null)
            {
                var expanded = NuGetVersionSpec.Expand(spec, properties);
                var exact = NuGetVersionSpec.Exact(expanded);
                deps.Add(new Dependency(Ecosystems.NuGet, name, exact ?? expanded, exact is not null, true, dev, source.Path, XmlManifest.Line(reference)));
                continue;
            }

            central ??= CentralVersions(source);
            if (central.TryGetValue(name.ToLowerInvariant(), out var c))
            {
                var exact = NuGetVersionSpec.Exact(c.Version);
                deps.Add(new Dependency(Ecosystems.NuGet, name, exact ?? c.Version, exact is not null, true, dev, c.File, c.Line));
            }
            else
            {
                deps.Add(new Dependency(Ecosystems.NuGet, name, "unspecified", false, true, dev, source.Path, XmlManifest.Line(reference)));
            }
        }

        var licenses = new List<DeclaredLicense>();
        var license = XmlManifest.Children(project, "PropertyGroup").SelectMany(g => XmlManifest.Children(g, "PackageLicenseExpression")).FirstOrDefault();
        if (license is not null && license.Value.Trim().Length > 0)
        {
            var subject = properties.GetValueOrDefault("PackageId") ?? Path.GetFileNameWithoutExtension(source.Path);
            licenses.Add(new DeclaredLicense(subject, license.Value.Trim(), source.Path, XmlManifest.Line(license)));
        }

        return new ParsedManifest(deps, licenses);
    }

    /// <summary>Reads the PackageVersion items of a Directory.Packages.props.</summary>
    internal static IEnumerable<(string Name, string Version, int Line)> PackageVersions(XDocument document)
    {
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName is "PackageVersion" or "GlobalPackageReference"))
        {
            var name = (string?)item.Attribute("Include") ?? (string?)item.Attribute("Update");
            var version = Attr(item, "Version");
            if (!string.IsNullOrWhiteSpace(name) && version is not null)
            {
                yield return (name, version, XmlManifest.Line(item));
            }
        }
    }

    private static Dictionary<string, (string, string, int)> CentralVersions(ManifestSource source)
    {
        var result = new Dictionary<string, (string, string, int)>(StringComparer.Ordinal);
        if (source.ReadRelative is null)
        {
            return result;
        }

        var directory = source.Directory;
        while (true)
        {
            var candidate = directory.Length == 0 ? "Directory.Packages.props" : $"{directory}/Directory.Packages.props";
            if (source.ReadRelative(candidate) is { } text)
            {
                try
                {
                    foreach (var (name, version, line) in PackageVersions(XmlManifest.Load(text)))
                    {
                        result.TryAdd(name.ToLowerInvariant(), (version, candidate, line));
                    }
                }
                catch (System.Xml.XmlException)
                {
                    // The props file reports its own problem as a finding.
                }

                return result;
            }

            if (directory.Length == 0)
            {
                return result;
            }

            directory = directory.Contains('/') ? directory[..directory.LastIndexOf('/')] : string.Empty;
        }
    }

    private static string? Attr(XElement element, string name) =>
        ((string?)element.Attribute(name) ?? XmlManifest.Value(element, name))?.Trim();
}
