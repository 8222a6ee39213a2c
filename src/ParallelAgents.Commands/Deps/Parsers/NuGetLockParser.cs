using System.Text.Json;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>packages.lock.json: per target framework, Direct / Transitive / CentralTransitive packages with their resolved versions.</summary>
public sealed class NuGetLockParser : IManifestParser
{
    /// <inheritdoc />
    public string Format => "packages.lock.json";

    /// <inheritdoc />
    public bool IsLockfile => true;

    /// <inheritdoc />
    public ParsedManifest Parse(ManifestSource source)
    {
        using var json = JsonManifest.Parse(source.Text);
        var root = JsonValues.RequireObjectRoot(json);
        if (JsonValues.Object(root, "dependencies") is not { } frameworks)
        {
            throw new ManifestFormatException("'dependencies' is missing; this is not a NuGet lock file.", 1);
        }

        var deps = new List<Dependency>();
        var seen = new HashSet<(string, string)>();
        foreach (var framework in frameworks.EnumerateObject())
        {
            foreach (var package in JsonValues.Properties(framework.Value.ValueKind == JsonValueKind.Object ? framework.Value : null))
            {
                var type = JsonValues.String(package.Value, "type");
                var resolved = JsonValues.String(package.Value, "resolved");
                if (type == "Project" || resolved is null || !seen.Add((package.Name.ToLowerInvariant(), resolved)))
                {
                    continue;
                }

                deps.Add(new Dependency(Ecosystems.NuGet, package.Name, resolved, true, type == "Direct", false, source.Path, json.Line("dependencies", framework.Name, package.Name)));
            }
        }

        return ParsedManifest.Of(deps);
    }
}
