namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Pipfile.lock: <c>default</c> (runtime) and <c>develop</c> (dev) sections with <c>"version": "==X"</c>.</summary>
public sealed class PipfileLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "Pipfile.lock";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        using var json = JsonManifest.Parse(source.Text);
        var root = JsonValues.RequireObjectRoot(json);
        if (!root.TryGetProperty("default", out _) && !root.TryGetProperty("develop", out _))
        {
            throw new ManifestFormatException("Neither 'default' nor 'develop' is present; this is not a Pipfile.lock.", 1);
        }

        var deps = new List<Dependency>();
        foreach (var section in new[] { "default", "develop" })
        {
            foreach (var entry in JsonValues.Properties(JsonValues.Object(root, section)))
            {
                var version = JsonValues.String(entry.Value, "version");
                var pinned = version is not null && version.StartsWith("==", StringComparison.Ordinal) ? version.TrimStart('=').Trim() : null;
                deps.Add(new Dependency(Ecosystems.PyPI, entry.Name, pinned ?? version ?? "*", pinned is not null, null, section == "develop", source.Path, json.Line(section, entry.Name)));
            }
        }

        return ParsedManifest.Of(deps);
    }
}
