using System.Xml.Linq;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// pom.xml: dependencies and dependencyManagement with <c>${property}</c> versions resolved from the POM's properties,
/// project coordinates and its parent POM (found through <c>relativePath</c>, default <c>../pom.xml</c>, up to five
/// levels). A version written in a parent's dependencyManagement is reported at that line. Test scope counts as dev.
/// Version ranges stay unresolved.
/// </summary>
public sealed class MavenPomParser : IManifestParser
{
    private const int MaxParentDepth = 5;

    /// <inheritdoc />
    public string Format => "pom.xml";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var project = LoadProject(source.Text);
        var chain = new List<(ManifestSource Source, XElement Project)> { (source, project) };
        var current = (Source: source, Project: project);
        for (var depth = 0; depth < MaxParentDepth; depth++)
        {
            var parent = ParentOf(current.Source, current.Project);
            if (parent is null)
            {
                break;
            }

            chain.Add(parent.Value);
            current = parent.Value;
        }

        // Properties: the nearest POM wins, so apply from the farthest ancestor down.
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var p = chain[i].Project;
            foreach (var property in XmlManifest.Child(p, "properties")?.Elements() ?? [])
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }
        }

        var parentElement = XmlManifest.Child(project, "parent");
        var groupId = XmlManifest.Value(project, "groupId") ?? XmlManifest.Value(parentElement, "groupId") ?? string.Empty;
        var version = XmlManifest.Value(project, "version") ?? XmlManifest.Value(parentElement, "version") ?? string.Empty;
        var artifactId = XmlManifest.Value(project, "artifactId") ?? string.Empty;
        foreach (var (key, value) in new[]
        {
            ("project.groupId", groupId), ("project.artifactId", artifactId), ("project.version", version),
            ("pom.groupId", groupId), ("pom.version", version), ("version", version),
            ("project.parent.version", XmlManifest.Value(parentElement, "version") ?? string.Empty),
            ("project.parent.groupId", XmlManifest.Value(parentElement, "groupId") ?? string.Empty),
        })
        {
            properties.TryAdd(key, value);
        }

        // Managed versions: nearest POM wins.
        var managed = new Dictionary<string, (string Version, string File, int Line)>(StringComparer.Ordinal);
        foreach (var (pomSource, pom) in chain)
        {
            foreach (var dep in XmlManifest.Children(XmlManifest.Child(XmlManifest.Child(pom, "dependencyManagement"), "dependencies"), "dependency"))
            {
                var key = $"{Resolve(XmlManifest.Value(dep, "groupId"), properties)}:{Resolve(XmlManifest.Value(dep, "artifactId"), properties)}";
                var v = XmlManifest.Value(dep, "version");
                if (v is not null)
                {
                    managed.TryAdd(key, (Resolve(v, properties), pomSource.Path, XmlManifest.Line(XmlManifest.Child(dep, "version") ?? dep)));
                }
            }
        }

        var deps = new List<Dependency>();
        foreach (var dep in XmlManifest.Children(XmlManifest.Child(project, "dependencies"), "dependency"))
        {
            var name = $"{Resolve(XmlManifest.Value(dep, "groupId"), properties)}:{Resolve(XmlManifest.Value(dep, "artifactId"), properties)}";
            var dev = XmlManifest.Value(dep, "scope") == "test";
            var declared = XmlManifest.Value(dep, "version");
            if (declared is not null)
            {
                var v = Resolve(declared, properties);
                deps.Add(new Dependency(Ecosystems.Maven, name, v, IsExact(v), true, dev, source.Path, XmlManifest.Line(dep)));
            }
            else if (managed.TryGetValue(name, out var m))
            {
                deps.Add(new Dependency(Ecosystems.Maven, name, m.Version, IsExact(m.Version), true, dev, m.File, m.Line));
            }
            else
            {
                deps.Add(new Dependency(Ecosystems.Maven, name, "managed", false, true, dev, source.Path, XmlManifest.Line(dep)));
            }
        }

        foreach (var dep in XmlManifest.Children(XmlManifest.Child(XmlManifest.Child(project, "dependencyManagement"), "dependencies"), "dependency"))
        {
            var name = $"{Resolve(XmlManifest.Value(dep, "groupId"), properties)}:{Resolve(XmlManifest.Value(dep, "artifactId"), properties)}";
            if (XmlManifest.Value(dep, "version") is { } declared)
            {
                var v = Resolve(declared, properties);
                var line = XmlManifest.Line(XmlManifest.Child(dep, "version") ?? dep);
                if (!deps.Any(d => d.Name == name && d.File == source.Path && d.Line == line))
                {
                    deps.Add(new Dependency(Ecosystems.Maven, name, v, IsExact(v), true, XmlManifest.Value(dep, "scope") == "test", source.Path, line));
                }
            }
        }

        var licenses = XmlManifest.Children(XmlManifest.Child(project, "licenses"), "license")
            .Select(l => (Name: XmlManifest.Value(l, "name"), Line: XmlManifest.Line(l)))
            .Where(l => !string.IsNullOrWhiteSpace(l.Name))
            .Select(l => new DeclaredLicense($"{groupId}:{artifactId}", l.Name!, source.Path, l.Line))
            .ToList();
        return new ParsedManifest(deps, licenses);
    }

    private static XElement LoadProject(string text)
    {
        var document = XmlManifest.Load(text);
        if (document.Root is not { Name.LocalName: "project" } project)
        {
            throw new ManifestFormatException("The root element must be <project>.", XmlManifest.Line(document.Root));
        }

        return project;
    }

    private static (ManifestSource, XElement)? ParentOf(ManifestSource source, XElement project)
    {
        var parent = XmlManifest.Child(project, "parent");
        if (parent is null || source.ReadRelative is null)
        {
            return null;
        }

        var relative = XmlManifest.Value(parent, "relativePath");
        if (relative is { Length: 0 })
        {
            return null;
        }

        relative ??= "../pom.xml";
        if (!relative.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            relative = relative.TrimEnd('/') + "/pom.xml";
        }

        var path = source.Resolve(relative);
        var text = path is null ? null : source.ReadRelative(path);
        if (text is null)
        {
            return null;
        }

        try
        {
            var parentProject = LoadProject(text);
            var expected = XmlManifest.Value(parent, "artifactId");
            return XmlManifest.Value(parentProject, "artifactId") == expected ? (source with { Path = path!, Text = text }, parentProject) : null;
        }
        catch (Exception e) when (e is System.Xml.XmlException or ManifestFormatException)
        {
            return null;
        }
    }

    private static string Resolve(string? value, Dictionary<string, string> properties)
    {
        var result = value ?? string.Empty;
        for (var round = 0; round < 10 && result.Contains("${", StringComparison.Ordinal); round++)
        {
            var start = result.IndexOf("${", StringComparison.Ordinal);
            var end = result.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            var key = result[(start + 2)..end];
            if (!properties.TryGetValue(key, out var replacement))
            {
                break;
            }

            result = result[..start] + replacement + result[(end + 1)..];
        }

        return result;
    }

    private static bool IsExact(string version) =>
        version.Length > 0 && !version.Contains("${", StringComparison.Ordinal) && version.IndexOfAny(['[', ']', '(', ')', ',']) < 0;
}
