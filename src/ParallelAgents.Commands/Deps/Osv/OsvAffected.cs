namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>One affected package of a record.</summary>
/// <param name="Ecosystem">OSV ecosystem as written (may carry a ':suffix').</param>
/// <param name="Name">Package name.</param>
/// <param name="Versions">Explicitly listed affected versions.</param>
/// <param name="Ranges">Affected ranges.</param>
/// <param name="Severity">Package-level severity entries.</param>
/// <param name="DatabaseSeverity">A qualitative severity from <c>database_specific</c> or <c>ecosystem_specific</c>.</param>
public sealed record OsvAffected(
    string Ecosystem,
    string Name,
    IReadOnlyList<string> Versions,
    IReadOnlyList<OsvRange> Ranges,
    IReadOnlyList<OsvSeverity> Severity,
    string? DatabaseSeverity);
