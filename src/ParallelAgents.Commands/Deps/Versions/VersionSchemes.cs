namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>The version scheme of each ecosystem.</summary>
public static class VersionSchemes
{
    /// <summary>The scheme for an OSV ecosystem; SemVer for anything unknown.</summary>
    public static IVersionScheme For(string ecosystem) => ecosystem switch
    {
        Ecosystems.PyPI => Pep440Scheme.Instance,
        Ecosystems.Maven => MavenScheme.Instance,
        Ecosystems.NuGet => NuGetScheme.Instance,
        _ => SemVerScheme.Instance,
    };
}
