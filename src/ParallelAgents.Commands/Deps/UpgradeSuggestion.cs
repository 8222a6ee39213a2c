namespace ParallelAgents.Commands.Deps;

/// <summary>The version that clears every fixable advisory of one package version.</summary>
/// <param name="Ecosystem">OSV ecosystem.</param>
/// <param name="Package">Package.</param>
/// <param name="Version">Version in use.</param>
/// <param name="UpgradeTo">Highest of the per-advisory lowest fixed versions; null when none is fixed.</param>
/// <param name="Advisories">Advisories it clears or that affect it.</param>
/// <param name="Unfixed">Advisories without a fixed version.</param>
/// <param name="HighestScore">Highest score among them.</param>
/// <param name="Locations">Declaring file:line entries.</param>
public sealed record UpgradeSuggestion(
    string Ecosystem,
    string Package,
    string Version,
    string? UpgradeTo,
    IReadOnlyList<string> Advisories,
    int Unfixed,
    double? HighestScore,
    IReadOnlyList<string> Locations);
