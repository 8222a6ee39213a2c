namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>package.json: declared requirements per section and the project's own license.</summary>
public sealed class PackageJsonParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "package.json";

    /// <inheritdoc />
    public bool IsLockfile => false;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        using var json = JsonManifest.Parse(source.Text);
        var root = JsonValues.RequireObjectRoot(json);
        var deps = new List<Dependency>();
        foreach (var section in NpmSections.All)
        {
            foreach (var dep in JsonValues.Properties(JsonValues.Object(root, section)))
            {
                var spec = dep.Value.ValueKind == System.Text.Json.JsonValueKind.String ? dep.Value.GetString() ?? "*" : "*";
                var exact = NpmSections.Exact(spec);
                deps.Add(new Dependency(Ecosystems.Npm, dep.Name, exact ?? spec, exact is not null, true, NpmSections.IsDev(section), source.Path, json.Line(section, dep.Name)));
            }
        }

        var licenses = new List<DeclaredLicense>();
        if (JsonValues.License(root) is { } license)
        {
            var subject = JsonValues.String(root, "name") ?? source.Path;
            licenses.Add(new DeclaredLicense(subject, license, source.Path, json.Line(root.TryGetProperty("license", out _) ? "license" : "licenses")));
        }

        return new ParsedManifest(deps, licenses);
    }
}
