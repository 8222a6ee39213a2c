namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>poetry.lock: <c>[[package]]</c> tables with name, version and <c>category</c> (Poetry 1) or <c>groups</c> (Poetry 2).</summary>
public sealed class PoetryLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "poetry.lock";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        var toml = TomlManifest.Parse(source.Text);
        var deps = new List<Dependency>();
        foreach (var package in TomlManifest.Tables(toml.Root, "package"))
        {
            var name = TomlManifest.String(package, "name");
            var version = TomlManifest.String(package, "version");
            if (name is null || version is null)
            {
                throw new ManifestFormatException("A [[package]] entry lacks 'name' or 'version'.", toml.Line(package, name is null ? "version" : "name"));
            }

            var category = TomlManifest.String(package, "category");
            var groups = TomlManifest.Array(package, "groups").OfType<string>().ToArray();
            var dev = category == "dev" || (groups.Length > 0 && !groups.Contains("main"));
            deps.Add(new Dependency(Ecosystems.PyPI, name, version, true, null, dev, source.Path, toml.Line(package, "name")));
        }

        return ParsedManifest.Of(deps);
    }
}
