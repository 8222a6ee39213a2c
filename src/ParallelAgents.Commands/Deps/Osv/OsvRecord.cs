namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>The parts of an OSV vulnerability record that matching and reporting use.</summary>
/// <param name="Id">Record id (GHSA-..., PYSEC-..., GO-..., RUSTSEC-..., CVE-...).</param>
/// <param name="Aliases">Other ids of the same vulnerability.</param>
/// <param name="Summary">One-line summary, or the start of the details.</param>
/// <param name="Modified">When the record last changed.</param>
/// <param name="Withdrawn">When the record was withdrawn; withdrawn records never match.</param>
/// <param name="Severity">Record-level severity entries.</param>
/// <param name="Affected">Affected packages.</param>
/// <param name="DatabaseSeverity">Qualitative severity from <c>database_specific.severity</c>.</param>
public sealed record OsvRecord(
    string Id,
    IReadOnlyList<string> Aliases,
    string? Summary,
    DateTimeOffset? Modified,
    DateTimeOffset? Withdrawn,
    IReadOnlyList<OsvSeverity> Severity,
    IReadOnlyList<OsvAffected> Affected,
    string? DatabaseSeverity);
