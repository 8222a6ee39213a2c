namespace ParallelAgents.Commands.Deps;

/// <summary>One dependency as a manifest or lockfile declares it.</summary>
/// <param name="Ecosystem">OSV ecosystem name (npm, PyPI, Go, crates.io, Maven, NuGet).</param>
/// <param name="Name">Package name as the ecosystem spells it (Maven: group:artifact).</param>
/// <param name="Version">Resolved version, or the declared requirement when <paramref name="Resolved"/> is false.</param>
/// <param name="Resolved">True when <paramref name="Version"/> is one exact version that advisories can be matched against.</param>
/// <param name="Direct">True for a direct dependency, false for a transitive one, null when the file alone cannot tell.</param>
/// <param name="Dev">True for development, test or build-only dependencies.</param>
/// <param name="File">Workspace-relative path of the declaring file.</param>
/// <param name="Line">1-based line of the declaration.</param>
/// <param name="License">Declared license expression, when the file carries one.</param>
public sealed record Dependency(
    string Ecosystem,
    string Name,
    string Version,
    bool Resolved,
    bool? Direct,
    bool Dev,
    string File,
    int Line,
    string? License = null);
