using Tomlyn.Model;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// pyproject.toml: PEP 621 <c>[project]</c> dependencies and optional-dependencies, PEP 735
/// <c>[dependency-groups]</c> (dev), and Poetry's <c>[tool.poetry]</c> dependency tables; the project's license.
/// </summary>
public sealed class PyprojectParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "pyproject.toml";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var toml = TomlManifest.Parse(source.Text);
        var deps = new List<Dependency>();
        var licenses = new List<DeclaredLicense>();
        var project = TomlManifest.Table(toml.Root, "project");
        if (project is not null)
        {
            AddStrings(toml, source, project, "dependencies", TomlManifest.Array(project, "dependencies"), dev: false, deps);
            if (TomlManifest.Table(project, "optional-dependencies") is { } optional)
            {
                foreach (var (group, items) in optional)
                {
                    AddStrings(toml, source, optional, group, items as TomlArray ?? [], dev: false, deps);
                }
            }

            AddLicense(toml, source, project, licenses);
        }

        if (TomlManifest.Table(toml.Root, "dependency-groups") is { } groups)
        {
            foreach (var (group, items) in groups)
            {
                AddStrings(toml, source, groups, group, items as TomlArray ?? [], dev: true, deps);
            }
        }

        var poetry = TomlManifest.Table(TomlManifest.Table(toml.Root, "tool"), "poetry");
        if (poetry is not null)
        {
            AddPoetry(toml, source, TomlManifest.Table(poetry, "dependencies"), dev: false, deps);
            AddPoetry(toml, source, TomlManifest.Table(poetry, "dev-dependencies"), dev: true, deps);
            foreach (var (group, table) in TomlManifest.Table(poetry, "group") ?? [])
            {
                AddPoetry(toml, source, TomlManifest.Table(table as TomlTable, "dependencies"), dev: group != "main", deps);
            }

            if (project is null)
            {
                AddLicense(toml, source, poetry, licenses);
            }
        }

        return new ParsedManifest(deps, licenses);
    }

    private static void AddStrings(TomlManifest toml, ManifestSource source, TomlTable owner, string key, IEnumerable<object?> items, bool dev, List<Dependency> deps)
    {
        var line = toml.Line(owner, key);
        foreach (var item in items.OfType<string>())
        {
            var requirement = PythonRequirement.Parse(item)
                ?? throw new ManifestFormatException($"'{item}' is not a requirement (PEP 508).", toml.Find(item, line));
            var declared = toml.Find($"\"{requirement.Name}", line);
            deps.Add(requirement.ToDependency(dev, source.Path, declared));
        }
    }

    private static void AddPoetry(TomlManifest toml, ManifestSource source, TomlTable? table, bool dev, List<Dependency> deps)
    {
        foreach (var (name, value) in table ?? [])
        {
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var spec = value switch
            {
                string s => s,
                TomlTable t => TomlManifest.String(t, "version") ?? "*",
                _ => "*",
            };
            var pinned = spec.StartsWith("==", StringComparison.Ordinal) ? spec[2..].Trim()
                : Versions.Pep440Scheme.Instance.IsValid(spec) ? spec.Trim() : null;
            deps.Add(new Dependency(Ecosystems.PyPI, name, pinned ?? spec, pinned is not null, true, dev, source.Path, toml.Line(table!, name)));
        }
    }

    private static void AddLicense(TomlManifest toml, ManifestSource source, TomlTable owner, List<DeclaredLicense> licenses)
    {
        var expression = owner.TryGetValue("license", out var v)
            ? v switch
            {
                string s => s,
                TomlTable t => TomlManifest.String(t, "text"),
                _ => null,
            }
            : null;
        if (!string.IsNullOrWhiteSpace(expression))
        {
            licenses.Add(new DeclaredLicense(TomlManifest.String(owner, "name") ?? source.Path, expression.Trim(), source.Path, toml.Line(owner, "license")));
        }
    }
}
