using Tomlyn.Model;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>
/// uv.lock: <c>[[package]]</c> tables; the workspace's own packages (editable or virtual sources) name the direct
/// dependencies, their <c>dev-dependencies</c> groups the dev ones.
/// </summary>
public sealed class UvLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "uv.lock";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var toml = TomlManifest.Parse(source.Text);
        var packages = TomlManifest.Tables(toml.Root, "package").ToArray();
        var runtime = new HashSet<string>(StringComparer.Ordinal);
        var devOnly = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in packages.Where(IsWorkspaceMember))
        {
            foreach (var name in Names(TomlManifest.Array(package, "dependencies")))
            {
                runtime.Add(name);
            }

            foreach (var (_, group) in TomlManifest.Table(package, "optional-dependencies") ?? [])
            {
                foreach (var name in Names(group as TomlArray ?? []))
                {
                    runtime.Add(name);
                }
            }

            foreach (var (_, group) in TomlManifest.Table(package, "dev-dependencies") ?? [])
            {
                foreach (var name in Names(group as TomlArray ?? []))
                {
                    devOnly.Add(name);
                }
            }
        }

        var deps = new List<Dependency>();
        foreach (var package in packages)
        {
            var name = TomlManifest.String(package, "name");
            var version = TomlManifest.String(package, "version");
            if (name is null)
            {
                throw new ManifestFormatException("A [[package]] entry lacks 'name'.", toml.Line(package, "version"));
            }

            if (IsWorkspaceMember(package) || version is null)
            {
                continue;
            }

            var key = Ecosystems.NormalizePythonName(name);
            var direct = runtime.Contains(key) || devOnly.Contains(key);
            deps.Add(new Dependency(Ecosystems.PyPI, name, version, true, direct, !runtime.Contains(key) && devOnly.Contains(key), source.Path, toml.Line(package, "name")));
        }

        return ParsedManifest.Of(deps);
    }

    private static bool IsWorkspaceMember(TomlTable package) =>
        TomlManifest.Table(package, "source") is { } s && (s.ContainsKey("editable") || s.ContainsKey("virtual"));

    private static IEnumerable<string> Names(IEnumerable<object?> items) =>
        items.OfType<TomlTable>().Select(t => TomlManifest.String(t, "name")).OfType<string>().Select(Ecosystems.NormalizePythonName);
}
