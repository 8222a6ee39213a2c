using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Deps;

/// <summary>The rules deps-audit reports.</summary>
public static class DepsRules
{
    public const string Vulnerable = "DEP001";
    public const string Unreadable = "DEP002";
    public const string LicenseDenied = "DEP003";
    public const string LicenseNotAllowed = "DEP004";
    public const string AdvisoriesUnavailable = "DEP005";

    /// <summary>Descriptors for SARIF and the rule table.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(Vulnerable, "VulnerableDependency", "A dependency version is affected by a published OSV advisory; severity follows its CVSS score.", Severity.High),
        new(Unreadable, "UnreadableManifest", "A manifest or lockfile could not be parsed (corrupt, truncated, not UTF-8 or too large); its dependencies are not audited.", Severity.Medium),
        new(LicenseDenied, "DeniedLicense", "A declared license needs a license on the job's deny list.", Severity.High),
        new(LicenseNotAllowed, "LicenseNotAllowed", "A declared license needs a license missing from the job's allow list.", Severity.Medium),
        new(AdvisoriesUnavailable, "AdvisoriesUnavailable", "The advisory source could not be read or reached, so a manifest's dependencies were not checked.", Severity.High),
    ];
}
