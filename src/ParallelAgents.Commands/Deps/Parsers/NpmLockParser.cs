using System.Text.Json;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// package-lock.json and npm-shrinkwrap.json, lockfile versions 1 (nested <c>dependencies</c>), 2 and 3
/// (<c>packages</c> keyed by install path, with <c>license</c> per package).
/// </summary>
public sealed class NpmLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "package-lock.json";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        using var json = JsonManifest.Parse(source.Text);
        var root = JsonValues.RequireObjectRoot(json);
        var packages = JsonValues.Object(root, "packages");
        var deps = new List<Dependency>();
        if (packages is { } p)
        {
            ReadPackages(source, json, p, deps);
        }
        else if (JsonValues.Object(root, "dependencies") is { } d)
        {
            ReadNested(source, json, d, ["dependencies"], topLevel: true, deps);
        }
        else if (!root.TryGetProperty("lockfileVersion", out _))
        {
            throw new ManifestFormatException("Neither 'packages' nor 'dependencies' nor 'lockfileVersion' is present; this is not an npm lockfile.", 1);
        }

        return ParsedManifest.Of(deps);
    }

    private static void ReadPackages(ManifestSource source, JsonManifest json, JsonElement packages, List<Dependency> deps)
    {
        var direct = new HashSet<string>(StringComparer.Ordinal);
        if (JsonValues.Object(packages, string.Empty) is { } rootPackage)
        {
            foreach (var section in NpmSections.All)
            {
                foreach (var dep in JsonValues.Properties(JsonValues.Object(rootPackage, section)))
                {
                    direct.Add(dep.Name);
                }
            }
        }

        const string Marker = "node_modules/";
        foreach (var entry in packages.EnumerateObject())
        {
            var at = entry.Name.LastIndexOf(Marker, StringComparison.Ordinal);
            if (entry.Name.Length == 0 || at < 0 || entry.Value.ValueKind != JsonValueKind.Object || JsonValues.Bool(entry.Value, "link"))
            {
                continue;
            }

            var name = JsonValues.String(entry.Value, "name") ?? entry.Name[(at + Marker.Length)..];
            var version = JsonValues.String(entry.Value, "version");
            if (string.IsNullOrEmpty(version))
            {
                continue;
            }

            var topLevel = entry.Name == Marker + name;
            var exact = NpmSections.Exact(version);
            deps.Add(new Dependency(
                Ecosystems.Npm,
                name,
                exact ?? version,
                exact is not null,
                topLevel && direct.Contains(name),
                JsonValues.Bool(entry.Value, "dev"),
                source.Path,
                json.Line("packages", entry.Name),
                JsonValues.License(entry.Value)));
        }
    }

    private static void ReadNested(ManifestSource source, JsonManifest json, JsonElement dependencies, List<string> path, bool topLevel, List<Dependency> deps)
    {
        foreach (var entry in dependencies.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ManifestFormatException($"Dependency '{entry.Name}' is not an object.", json.Line([.. path, entry.Name]));
            }

            var version = JsonValues.String(entry.Value, "version");
            if (!string.IsNullOrEmpty(version))
            {
                var exact = NpmSections.Exact(version);
                deps.Add(new Dependency(
                    Ecosystems.Npm,
                    entry.Name,
                    exact ?? version,
                    exact is not null,
                    topLevel ? null : false,
                    JsonValues.Bool(entry.Value, "dev"),
                    source.Path,
                    json.Line([.. path, entry.Name])));
            }

            if (JsonValues.Object(entry.Value, "dependencies") is { } nested)
            {
                ReadNested(source, json, nested, [.. path, entry.Name, "dependencies"], topLevel: false, deps);
            }
        }
    }
}
