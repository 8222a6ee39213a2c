namespace ParallelAgents.Commands.Deps;

/// <summary>Counts for one package manager.</summary>
/// <param name="Manager">Manager name.</param>
/// <param name="Ecosystem">OSV ecosystem.</param>
/// <param name="Manifests">Manifests and lockfiles found.</param>
/// <param name="Unreadable">Of those, how many could not be read.</param>
/// <param name="Packages">Distinct package versions.</param>
/// <param name="Direct">Of those, direct.</param>
/// <param name="Transitive">Of those, transitive.</param>
/// <param name="Dev">Of those, development only.</param>
/// <param name="VulnerablePackages">Package versions with at least one advisory.</param>
/// <param name="Vulnerabilities">Vulnerability findings.</param>
/// <param name="BySeverity">Vulnerability findings per severity.</param>
public sealed record ManagerSummary(
    string Manager,
    string Ecosystem,
    int Manifests,
    int Unreadable,
    int Packages,
    int Direct,
    int Transitive,
    int Dev,
    int VulnerablePackages,
    int Vulnerabilities,
    IReadOnlyDictionary<string, int> BySeverity);
