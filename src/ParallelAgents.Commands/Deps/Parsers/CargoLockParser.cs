namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Cargo.lock (versions 1-4): registry and git packages; the workspace's own packages (no source) name the direct ones.</summary>
public sealed class CargoLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "Cargo.lock";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var toml = TomlManifest.Parse(source.Text);
        var packages = TomlManifest.Tables(toml.Root, "package").ToArray();
        var direct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in packages.Where(p => TomlManifest.String(p, "source") is null))
        {
            foreach (var dep in TomlManifest.Array(member, "dependencies").OfType<string>())
            {
                var parts = dep.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                direct.Add(parts.Length > 1 ? $"{parts[0]} {parts[1]}" : parts[0]);
            }
        }

        var deps = new List<Dependency>();
        foreach (var package in packages)
        {
            var name = TomlManifest.String(package, "name");
            var version = TomlManifest.String(package, "version");
            if (name is null || version is null)
            {
                throw new ManifestFormatException("A [[package]] entry lacks 'name' or 'version'.", toml.Line(package, name is null ? "version" : "name"));
            }

            if (TomlManifest.String(package, "source") is null)
            {
                continue;
            }

            var isDirect = direct.Contains(name) || direct.Contains($"{name} {version}");
            deps.Add(new Dependency(Ecosystems.CratesIo, name, version, true, isDirect, false, source.Path, toml.Line(package, "name")));
        }

        return ParsedManifest.Of(deps);
    }
}
