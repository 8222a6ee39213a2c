using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>What one work item (one manifest) found; carried in <c>ItemResult.DataJson</c> to the aggregation.</summary>
/// <param name="Manager">Package manager.</param>
/// <param name="File">The manifest.</param>
/// <param name="Format">Format name.</param>
/// <param name="Lockfile">Whether it is a lockfile.</param>
/// <param name="Dependencies">Dependencies it declares.</param>
/// <param name="Licenses">Licenses it declares for its own project.</param>
/// <param name="Vulnerabilities">Vulnerabilities matched.</param>
/// <param name="Source">The advisory source that answered, when one did.</param>
/// <param name="SourceError">Why the advisory source could not answer.</param>
/// <param name="Error">Why the file could not be read.</param>
public sealed record ManifestResult(
    string Manager,
    string File,
    string Format,
    bool Lockfile,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<DeclaredLicense> Licenses,
    IReadOnlyList<VulnerabilityData> Vulnerabilities,
    AdvisorySourceInfo? Source,
    string? SourceError,
    string? Error);
