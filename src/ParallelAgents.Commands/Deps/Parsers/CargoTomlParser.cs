using Tomlyn.Model;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// Cargo.toml: <c>[dependencies]</c>, <c>[dev-dependencies]</c>, <c>[build-dependencies]</c> (counted as dev),
/// target-specific tables and <c>[workspace.dependencies]</c>; the package's license. Requirements like "1.2" are
/// caret ranges, so only "=1.2.3" counts as resolved.
/// </summary>
public sealed class CargoTomlParser : IManifestParser
{
    private static readonly string[] Sections = ["dependencies", "dev-dependencies", "build-dependencies"];

    /// <inheritdoc />
    public string Format => "Cargo.toml";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var toml = TomlManifest.Parse(source.Text);
        var deps = new List<Dependency>();
        AddSections(toml, source, toml.Root, deps);
        foreach (var (_, target) in TomlManifest.Table(toml.Root, "target") ?? [])
        {
            AddSections(toml, source, target as TomlTable, deps);
        }

        Add(toml, source, TomlManifest.Table(TomlManifest.Table(toml.Root, "workspace"), "dependencies"), dev: false, deps);
        var licenses = new List<DeclaredLicense>();
        var package = TomlManifest.Table(toml.Root, "package");
        if (TomlManifest.String(package, "license") is { } license)
        {
            licenses.Add(new DeclaredLicense(TomlManifest.String(package, "name") ?? source.Path, license, source.Path, toml.Line(package!, "license")));
        }

        return new ParsedManifest(deps, licenses);
    }

    private static void AddSections(TomlManifest toml, ManifestSource source, TomlTable? owner, List<Dependency> deps)
    {
        foreach (var section in Sections)
        {
            Add(toml, source, TomlManifest.Table(owner, section), dev: section != "dependencies", deps);
        }
    }

    private static void Add(TomlManifest toml, ManifestSource source, TomlTable? table, bool dev, List<Dependency> deps)
    {
        foreach (var (key, value) in table ?? [])
        {
            var (name, spec) = value switch
            {
                string s => (key, s),
                TomlTable t => (TomlManifest.String(t, "package") ?? key, TomlManifest.String(t, "version") ?? (t.ContainsKey("workspace") ? "workspace" : t.ContainsKey("path") ? "path" : "git")),
                _ => (key, "*"),
            };
            var exact = spec.StartsWith('=') && Versions.SemVerScheme.Instance.IsValid(spec[1..]) ? spec[1..].Trim() : null;
            deps.Add(new Dependency(Ecosystems.CratesIo, name, exact ?? spec, exact is not null, true, dev, source.Path, toml.Line(table!, key)));
        }
    }
}
